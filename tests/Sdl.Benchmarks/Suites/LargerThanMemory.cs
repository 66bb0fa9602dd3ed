using System.Diagnostics;
using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// Training on views larger than the process's memory budget: two float32 .npy views on disk,
/// trained by <see cref="Trainer"/> from <see cref="ChunkedNpyViews"/> (memory-mapped, chunk by chunk)
/// in a child process whose managed heap is capped (DOTNET_GCHeapHardLimit), against the same trainer
/// on the in-memory path (<see cref="NumPyViews"/> → <see cref="MultiViewDataset"/>). Reports peak
/// resident memory (VmHWM) and samples per second; the model, options and seed are the same in every
/// mode, so only the data path differs.
/// </summary>
public static class LargerThanMemory
{
    public const string ChildSuite = "ltm-child";
    const int Width = 392;
    const int BatchSize = 512;

    public static void Run(TextWriter output, string directory, long bigSamples = 700_000, long smallSamples = 131_072, long heapLimitMiB = 512)
    {
        Directory.CreateDirectory(directory);
        var big = EnsureViews(directory, "big", bigSamples, output);
        var small = EnsureViews(directory, "small", smallSamples, output);
        double bigMiB = big.Sum(p => new FileInfo(p).Length) / 1048576.0, smallMiB = small.Sum(p => new FileInfo(p).Length) / 1048576.0;
        output.WriteLine($"views: {Width} float32 features each; big {bigSamples:N0} samples ({bigMiB:N0} MiB in two files), small {smallSamples:N0} ({smallMiB:N0} MiB); batch {BatchSize}; Soft CCA + SDL, encoders {Width}→256→50 (ReLU), one epoch through Trainer.Fit");
        output.WriteLine();
        output.WriteLine("| data | path | managed heap limit | samples | time with loading (s) | samples/s with loading | samples/s in Trainer.Fit | peak RSS (MiB) | outcome |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (label, files, mode, limit) in new (string, string[], string, long?)[]
        {
            ("small", small, "memory", null),
            ("small", small, "chunked", null),
            ("big", big, "chunked", heapLimitMiB),
            ("big", big, "memory", heapLimitMiB),
        })
            output.WriteLine(Child(label, files, mode, limit));
    }

    static string[] EnsureViews(string directory, string stem, long samples, TextWriter output)
    {
        var paths = new[] { Path.Combine(directory, $"{stem}-left.npy"), Path.Combine(directory, $"{stem}-right.npy") };
        long expected = NpyWriter.Header("<f4", [samples, Width]).Length + samples * Width * 4;
        if (paths.All(p => File.Exists(p) && new FileInfo(p).Length == expected)) return paths;
        var clock = Stopwatch.StartNew();
        // Two views sharing 10 latent factors: left = noise + latent in the first 10 features, right likewise in its last 10.
        var random = new Random(5);
        using var left = new FileStream(paths[0], FileMode.Create);
        using var right = new FileStream(paths[1], FileMode.Create);
        left.Write(NpyWriter.Header("<f4", [samples, Width]));
        right.Write(NpyWriter.Header("<f4", [samples, Width]));
        var rowLeft = new float[Width];
        var rowRight = new float[Width];
        var bytes = new byte[Width * 4];
        for (long n = 0; n < samples; n++)
        {
            for (int j = 0; j < Width; j++) { rowLeft[j] = random.NextSingle() - 0.5f; rowRight[j] = random.NextSingle() - 0.5f; }
            for (int j = 0; j < 10; j++) { float z = random.NextSingle() - 0.5f; rowLeft[j] += 2 * z; rowRight[Width - 1 - j] += 2 * z; }
            Buffer.BlockCopy(rowLeft, 0, bytes, 0, bytes.Length);
            left.Write(bytes);
            Buffer.BlockCopy(rowRight, 0, bytes, 0, bytes.Length);
            right.Write(bytes);
        }
        output.WriteLine($"(wrote {stem} views in {clock.Elapsed.TotalSeconds:F0} s)");
        return paths;
    }

    static string Child(string label, string[] files, string mode, long? heapLimitMiB)
    {
        var start = ChildProcess.StartInfo(ChildSuite, mode, files[0], files[1], "--threads", $"{get_num_threads()}");
        if (heapLimitMiB is long limit) start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{limit * 1048576:X}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        string limitText = heapLimitMiB is long l ? $"{l} MiB" : "none";
        var result = stdout.Result.Trim().Split('\n').LastOrDefault(line => line.StartsWith("RESULT", StringComparison.Ordinal));
        if (process.ExitCode == 0 && result is not null)
        {
            var f = result.Split(' ');
            return $"| {label} | {mode} | {limitText} | {long.Parse(f[1]):N0} | {double.Parse(f[2]):F1} | {double.Parse(f[3]):N0} | {double.Parse(f[5]):N0} | {double.Parse(f[4]):N0} | trained |";
        }
        var reason = (stderr.Result + stdout.Result).Split('\n').FirstOrDefault(line => line.Contains("Exception", StringComparison.Ordinal) || line.Contains("out of memory", StringComparison.OrdinalIgnoreCase))?.Trim() ?? $"exit code {process.ExitCode}";
        return $"| {label} | {mode} | {limitText} | – | – | – | – | – | failed: {(reason.Length > 90 ? reason[..90] + "…" : reason)} |";
    }

    /// <summary>The child: one epoch through <see cref="Trainer"/> on the given data path, then "RESULT samples seconds samples/s peakRssMiB trainingSamples/s".</summary>
    public static void RunChild(string mode, string leftPath, string rightPath)
    {
        manual_seed(1);
        using var model = new LargerThanMemoryModel();
        var options = new TrainerOptions
        {
            Epochs = 1, BatchSize = BatchSize, LearningRate = 1e-3, Seed = 1, Device = "cpu",
            Progress = ProgressMode.Silent, RestoreBest = false, RunName = "larger-than-memory",
        };
        // The clock includes loading (memory) or opening (chunked): both are the cost of the data path.
        var clock = Stopwatch.StartNew();
        IMultiViewBatchSource data = mode == "chunked"
            ? ChunkedNpyViews.Open([("Left", leftPath), ("Right", rightPath)], chunkRows: 32_768)
            : NumPyViews.Load([("Left", leftPath), ("Right", rightPath)]);
        var result = new Trainer(options).Fit(model, data);
        double seconds = clock.Elapsed.TotalSeconds;
        (data as IDisposable)?.Dispose();
        long samples = data.BatchesPerEpoch(BatchSize) * BatchSize;
        Console.WriteLine(FormattableString.Invariant($"RESULT {samples} {seconds:F2} {samples / seconds:F0} {PeakRssMiB():F0} {result.History[0].SamplesPerSecond:F0}"));
    }

    /// <summary>Peak resident set size of this process (VmHWM), in MiB.</summary>
    static double PeakRssMiB()
    {
        var line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
