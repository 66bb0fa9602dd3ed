using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sdl.Benchmarks;

/// <summary>
/// Wall-clock time, or the calling thread's CPU time. On a machine shared with other jobs, a
/// preempted thread's wall time includes other processes' time slices; its CPU time does not. With
/// one torch thread all the computation runs on the calling thread, so its CPU time is the work done.
/// </summary>
internal static class Clock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpecification { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpecification time);

    public static bool ThreadCpuTimeAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    public static bool UseThreadCpuTime { get; set; }

    /// <summary>Milliseconds on the selected clock (an arbitrary origin: use differences).</summary>
    public static double NowMilliseconds()
    {
        if (!UseThreadCpuTime) return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
        ClockGetTime(ThreadCpuTimeId, out var time);
        return time.Seconds * 1000.0 + time.Nanoseconds / 1e6;
    }

    private static bool Probe()
    {
        try { return ClockGetTime(ThreadCpuTimeId, out _) == 0; }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }
}
