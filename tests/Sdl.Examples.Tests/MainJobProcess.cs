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

    static string Dll => typeof(MainJobRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MnistSoftCcaDll").Value!;

    /// <summary>The dotnet host that runs this test, so the job runs on the same runtime.</summary>
    static string Host => Environment.ProcessPath is string path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    public static MainJobRun Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CI"] = "1"; // plain progress lines, no live display
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the main job did not finish within 3 minutes:\n{output}\n{error}");
        }
        process.WaitForExit();
        return new MainJobRun(process.ExitCode, output.ToString(), error.ToString());
    }
}
