using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Sdl.Benchmarks;

/// <summary>
/// What a report ran on: ratios against a GEMM move with the CPU (one Xeon's float32 GEMM is 3.5×
/// another's, while element-wise passes are not), so every report names CPU, vector extensions,
/// cores, libtorch threads and the load at the start.
/// </summary>
internal static class MachineDescription
{
    public static string Header(int torchThreads) =>
        $"CPU: {CpuModel()}; vector extensions: {VectorExtensions()}; {Environment.ProcessorCount} logical cores; " +
        $"{torchThreads} libtorch thread(s); clock: {(Clock.UseThreadCpuTime ? "thread CPU time" : "wall time")}; load average {LoadAverage()}; " +
        $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, TorchSharp-cpu {typeof(TorchSharp.torch).Assembly.GetName().Version}";

    static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }

    static string VectorExtensions()
    {
        var present = new List<string>();
        if (Avx2.IsSupported) present.Add("AVX2");
        if (Fma.IsSupported) present.Add("FMA");
        if (Avx512F.IsSupported) present.Add("AVX-512F");
        if (Avx512BW.IsSupported) present.Add("AVX-512BW");
        if (Avx512Vbmi.IsSupported) present.Add("AVX-512VBMI");
        if (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) present.Add("NEON");
        return present.Count == 0 ? "none detected" : string.Join(", ", present);
    }

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
