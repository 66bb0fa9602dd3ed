using System.Diagnostics;
using System.Reflection;

namespace Sdl.Benchmarks;

/// <summary>Starts this benchmark program again as a child process (suites that measure a process's own peak memory).</summary>
internal static class ChildProcess
{
    /// <summary>
    /// This program with <paramref name="arguments"/>, output redirected. Started through its apphost
    /// (<c>dotnet run</c>), <see cref="Environment.ProcessPath"/> is the program itself; started as
    /// <c>dotnet Sdl.Benchmarks.dll</c> it is the <c>dotnet</c> host, which needs the assembly's path first.
    /// </summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        bool viaHost = Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        string[] all = viaHost ? [Assembly.GetEntryAssembly()!.Location, .. arguments] : arguments;
        return new ProcessStartInfo(self, all) { RedirectStandardOutput = true, RedirectStandardError = true };
    }
}
