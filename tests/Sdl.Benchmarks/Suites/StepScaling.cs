using System.Diagnostics;
using System.Text.Json;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// Whole training steps (encoders + objective + Adam) of Soft CCA and exact DCCA as the embedding
/// width k grows. Each configuration runs in a fresh child process of this program, so that its
/// peak resident memory is its own; times are medians on the program's clock. A fresh process needs
/// a few dozen steps before its step time settles (its allocations still take fresh pages): where a
/// step is cheap (k ≤ 256) the median is over 30 steps, otherwise over 12 (k = 512) or 6.
/// </summary>
internal static class StepScaling
{
    public const string ChildSuite = "step-child";

    public static void Run(TextWriter output, int[] widths, int m = 1024)
    {
        output.WriteLine($"## Whole training step, Soft CCA vs exact DCCA (m = {m}, 2 views, encoders 392 → 1024 ReLU → k, Adam)");
        output.WriteLine();
        output.WriteLine("| k | steps timed | Soft CCA step (ms) | DCCA step (ms) | DCCA / Soft CCA | Soft CCA peak RSS (MiB) | DCCA peak RSS (MiB) | DCCA loss after the steps |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int k in widths)
        {
            // Measured on Zen 5 with 6 steps everywhere: Soft CCA at k = 50 took 118 and 135 ms in two runs
            // against 55 to 68 ms in a warm process, which made DCCA look faster there (0.72×).
            int steps = k <= 256 ? 30 : k <= 512 ? 12 : 6;
            var soft = Child("softcca", m, k, steps);
            var dcca = Child("dcca", m, k, steps);
            string loss = double.IsFinite(dcca.Loss) ? dcca.Loss.ToString("F1") : "non-finite";
            output.WriteLine($"| {k} | {steps} | {soft.Ms:F1} | {dcca.Ms:F1} | {dcca.Ms / soft.Ms:F2}× | {soft.PeakMiB:F0} | {dcca.PeakMiB:F0} | {loss} |");
        }
        output.WriteLine();
    }

    /// <summary>Entry point of a child process: one objective, one width; prints a JSON line.</summary>
    public static void RunChild(string objective, int m, int k, int steps)
    {
        var step = objective == "dcca" ? TrainingStep.Dcca(m, k) : TrainingStep.SoftCca(m, k);
        var (ms, loss) = step.Time(steps);
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(JsonSerializer.Serialize(new { ms, loss = double.IsFinite(loss) ? loss : (double?)null, peak }));
    }

    static (double Ms, double PeakMiB, double Loss) Child(string objective, int m, int k, int steps)
    {
        var start = ChildProcess.StartInfo(ChildSuite, objective, $"{m}", $"{k}", $"{steps}", "--threads", $"{TorchSharp.torch.get_num_threads()}",
            "--malloc", Sdl.Runtime.Interop.NativeAllocator.IsPinned ? "pinned" : "default");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string result = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            // The row then reads NaN; say why on stderr, so that a failed child is not mistaken for a measurement.
            string reason = errors.Result.Split('\n').FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? "no message";
            Console.Error.WriteLine($"step-scaling: {objective} at k = {k} failed (exit code {process.ExitCode}): {reason}");
            return (double.NaN, double.NaN, double.NaN);
        }
        using var json = JsonDocument.Parse(result.Trim().Split('\n').Last());
        var root = json.RootElement;
        var loss = root.GetProperty("loss");
        return (root.GetProperty("ms").GetDouble(), root.GetProperty("peak").GetDouble(), loss.ValueKind == JsonValueKind.Null ? double.NaN : loss.GetDouble());
    }
}
