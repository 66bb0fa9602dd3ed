using System.Diagnostics;
using System.Text.Json;
using TorchSharp;

namespace Sdl.Comparison;

/// <summary>
/// Soft CCA versus exact DCCA as the embedding width k grows. Each configuration runs in a fresh
/// child process so that its peak resident memory is its own.
/// </summary>
internal static class ScalingComparison
{
    public const string ChildFlag = "--one";
    static readonly int[] Widths = [50, 128, 256, 512, 1024, 2048];

    public static int Run(string[] args)
    {
        int m = args.Length > 0 ? int.Parse(args[0]) : 1024;
        int steps = args.Length > 1 ? int.Parse(args[1]) : 10;
        Console.WriteLine($"Whole training step (2 views, encoders 392 -> 1024 ReLU -> k, Adam), m = {m}, {TrainingStep.Threads} threads, median of {steps} steps");
        Console.WriteLine("| k | Soft CCA step (ms) | DCCA step (ms) | DCCA / Soft CCA | Soft CCA peak RSS (MiB) | DCCA peak RSS (MiB) | DCCA last loss |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int k in Widths)
        {
            var soft = RunChild("softcca", m, k, steps);
            var dcca = RunChild("dcca", m, k, steps);
            Console.WriteLine($"| {k} | {soft.Ms:F1} | {dcca.Ms:F1} | {dcca.Ms / soft.Ms:F2}x | {soft.PeakMiB:F0} | {dcca.PeakMiB:F0} | {Describe(dcca.Loss)} |");
        }
        return 0;
    }

    static string Describe(double loss) => double.IsFinite(loss) ? loss.ToString("F2") : $"non-finite ({loss})";

    public static int RunChild(string[] args)
    {
        string objective = args[0];
        int m = int.Parse(args[1]), k = int.Parse(args[2]), steps = int.Parse(args[3]);
        torch.set_num_threads(TrainingStep.Threads);
        var step = objective == "dcca" ? TrainingStep.Dcca(m, k) : TrainingStep.SoftCca(m, k);
        var (ms, loss) = step.Time(steps);
        double peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(JsonSerializer.Serialize(new { ms, loss = double.IsFinite(loss) ? loss : (double?)null, peak }));
        return 0;
    }

    static (double Ms, double PeakMiB, double Loss) RunChild(string objective, int m, int k, int steps)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        var start = new ProcessStartInfo(self, [ChildFlag, objective, $"{m}", $"{k}", $"{steps}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) return (double.NaN, double.NaN, double.NaN);
        using var json = JsonDocument.Parse(output.Trim().Split('\n').Last());
        var root = json.RootElement;
        double loss = root.GetProperty("loss").ValueKind == JsonValueKind.Null ? double.NaN : root.GetProperty("loss").GetDouble();
        return (root.GetProperty("ms").GetDouble(), root.GetProperty("peak").GetDouble(), loss);
    }
}
