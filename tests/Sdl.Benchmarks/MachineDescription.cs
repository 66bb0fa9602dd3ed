using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Sdl.Runtime.Interop;

namespace Sdl.Benchmarks;

/// <summary>
/// What a report ran on: ratios against a GEMM move with the CPU (one Xeon's float32 GEMM is 3.5×
/// another's, while element-wise passes are not), so every report names CPU, vector extensions,
/// cores, libtorch threads and the load at the start.
/// </summary>
internal static class MachineDescription
{
    public static string Header(int torchThreads) =>
        $"CPU: {CpuModel()}; vector extensions: {VectorExtensions()} (managed Vector<float>: {System.Numerics.Vector<float>.Count} lanes); {Environment.ProcessorCount} logical cores; " +
        $"{torchThreads} libtorch thread(s); clock: {(Clock.UseThreadCpuTime ? "thread CPU time" : "wall time")}; load average {LoadAverage()}; {NativeAllocator.Description}; " +
        $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, TorchSharp-cpu {typeof(TorchSharp.torch).Assembly.GetName().Version}";

    /// <summary>
    /// The model name, with the x86 family, model and stepping: a virtual machine may name its CPU only
    /// "AMD EPYC" or "Intel Xeon Processor", and the family number is what tells the generations apart.
    /// </summary>
    static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return RuntimeInformation.ProcessArchitecture.ToString();
        // The first processor's block only: the fields repeat per logical core.
        var fields = File.ReadLines(path).TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        string name = fields.GetValueOrDefault("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        return fields.TryGetValue("cpu family", out var family) && fields.TryGetValue("model", out var model)
            ? $"{name} (family {family}, model {model}, stepping {fields.GetValueOrDefault("stepping", "?")})"
            : name;
    }

    static string VectorExtensions()
    {
        var present = new List<string>();
        if (Avx2.IsSupported) present.Add("AVX2");
        if (Fma.IsSupported) present.Add("FMA");
        if (Avx512F.IsSupported) present.Add("AVX-512F");
        if (Avx512BW.IsSupported) present.Add("AVX-512BW");
        if (Avx512Vbmi.IsSupported) present.Add("AVX-512VBMI");
        if (Avx512F.IsSupported) present.Add(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "512-bit vectors accelerated" : "512-bit vectors not used by .NET");
        if (System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported) present.Add("NEON");
        return present.Count == 0 ? "none detected" : string.Join(", ", present);
    }

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
