using System.Diagnostics;

namespace Sdl.Runtime.Tests.Python;

/// <summary>
/// Finds a Python 3 that imports the given modules (Debian's /usr/bin/python3 first, since a
/// pyenv or venv python3 on PATH may lack the Debian packages), and runs scripts with it.
/// </summary>
public static class PythonInterpreter
{
    static readonly Dictionary<string, string?> Found = [];

    /// <summary>
    /// The interpreter that imports every module in <paramref name="modules"/>, each with a
    /// <c>__version__</c>, or null. The version check turns away a leftover folder of the module's name
    /// (for example after the package was removed), which Python imports as an empty namespace package.
    /// </summary>
    public static string? Find(params string[] modules)
    {
        var key = string.Join(",", modules);
        lock (Found)
        {
            if (Found.TryGetValue(key, out var cached)) return cached;
            string? result = null;
            foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
            {
                try
                {
                    string probe = modules.Length == 0 ? "import sys" : string.Join("; ", modules.Select(m => $"import {m}; {m}.__version__"));
                    var (exit, _, _) = Run(candidate, probe, timeoutSeconds: 120);
                    if (exit == 0) { result = candidate; break; }
                }
                catch (System.ComponentModel.Win32Exception) { }
            }
            return Found[key] = result;
        }
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="interpreter"/>; returns exit code, stdout and stderr.</summary>
    public static (int Exit, string Output, string Error) Run(string interpreter, string script, int timeoutSeconds = 300, params string[] arguments)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{interpreter} did not finish within {timeoutSeconds} s.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a script that must succeed; its stdout is returned, a failure shows stderr.</summary>
    public static string RunChecked(string interpreter, string script, params string[] arguments)
    {
        var (exit, output, error) = Run(interpreter, script, 300, arguments);
        Assert.True(exit == 0, $"python exited with {exit}:\n{error}\n{output}");
        return output;
    }
}

/// <summary>
/// A fact that needs Python with <see cref="Modules"/>; skipped, with the reason and the Debian
/// packages to install, where they are missing (CI installs them in .ci/run).
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute(params string[] modules)
    {
        Modules = modules;
        if (PythonInterpreter.Find(modules) is null)
            Skip = $"needs python3 with {string.Join(", ", modules)} (Debian: apt-get install {string.Join(" ", modules.Select(m => $"python3-{m}"))}); .ci/run installs them.";
    }

    public string[] Modules { get; }
}
