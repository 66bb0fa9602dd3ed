using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Sdl.Examples.Tests;

/// <summary>The main job run as a user runs it: its own process, its exit code, what it prints.</summary>
sealed record MainJobRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The first line of standard error (where errors go), or of standard output when there is none.</summary>
    public string FirstErrorLine => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.TrimEnd() ?? "";

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";

    internal static string Dll => typeof(MainJobRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MnistSoftCcaDll").Value!;

    /// <summary>The dotnet host that runs this test, so the job runs on the same runtime.</summary>
    internal static string Host => Environment.ProcessPath is string path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public static MainJobRun Start(params string[] arguments) => Start(null, arguments);

    /// <summary>Runs the job to its end with <paramref name="environment"/> added to (or, with a null value, removed from) the inherited one.</summary>
    public static MainJobRun Start(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        using var job = RunningMainJob.Launch(environment, arguments);
        return job.WaitForEnd();
    }
}

/// <summary>A main job process still running: for tests that act on it meanwhile (a second run, a kill).</summary>
sealed class RunningMainJob : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new(), error = new();

    RunningMainJob(Process process) => this.process = process;

    public int ProcessId => process.Id;

    public string StandardOutputSoFar { get { lock (output) return output.ToString(); } }

    public static RunningMainJob Launch(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(MainJobRun.Host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(MainJobRun.Dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CI"] = "1"; // plain progress lines, no live display
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        var job = new RunningMainJob(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (job.output) job.output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (job.error) job.error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return job;
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) until standard output contains <paramref name="text"/>; false if the process ended first.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (StandardOutputSoFar.Contains(text, StringComparison.Ordinal)) return true;
            if (process.HasExited) return StandardOutputSoFar.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(50);
        }
        throw new TimeoutException($"the main job did not print '{text}' within {timeout}:\n{StandardOutputSoFar}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: the process gets no chance to clean up.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as <c>kill</c> or a service manager sends it: the job may clean up (release its lock) and ends with 143.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public bool HasExited => process.HasExited;

    public MainJobRun WaitForEnd()
    {
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the main job did not finish within 3 minutes:\n{output}\n{error}");
        }
        process.WaitForExit();
        lock (output) lock (error) return new MainJobRun(process.ExitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
