using System.Diagnostics;

namespace Sdl.Examples.Experiments.Scale;

/// <summary>
/// The budget clock of the scale suite: CPU seconds of this process. With libtorch on one thread
/// (<c>--threads 1</c>) a training step runs on the calling thread, so its CPU seconds are the wall
/// seconds it would take on an idle core, whatever else the machine is doing.
/// </summary>
public static class CpuClock
{
    static readonly Process Self = Process.GetCurrentProcess();

    /// <summary>CPU seconds (user + system) this process has used so far.</summary>
    public static double ProcessSeconds()
    {
        Self.Refresh();
        return Self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The 1-minute load average of the machine (NaN where /proc/loadavg is missing).</summary>
    public static double LoadAverage()
    {
        try
        {
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return double.NaN; }
        catch (UnauthorizedAccessException) { return double.NaN; }
    }
}
