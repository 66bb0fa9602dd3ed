using System.Diagnostics;
using System.Text.Json;
using TorchSharp;

namespace Sdl.Comparison;

/// <summary>The Soft CCA step in Sdl.Runtime and in PyTorch, alternated twice so that load drift hits both.</summary>
internal static class PyTorchComparison
{
    public static int Run(string[] args)
    {
        int m = args.Length > 0 ? int.Parse(args[0]) : 512;
        int k = args.Length > 1 ? int.Parse(args[1]) : 256;
        int steps = args.Length > 2 ? int.Parse(args[2]) : 30;
        string python = Environment.GetEnvironmentVariable("SDL_PYTHON") ?? "/usr/bin/python3";
        torch.set_num_threads(TrainingStep.Threads);
        Console.WriteLine($"Soft CCA step, m = {m}, k = {k}, encoders 392 -> 1024 ReLU -> {k}, {TrainingStep.Threads} threads, median of {steps} steps after {TrainingStep.Warmup} warm-up");

        var rounds = new List<(double Ours, double Theirs)>();
        for (int round = 1; round <= 2; round++)
        {
            double ours = TrainingStep.SoftCca(m, k).Time(steps).MedianMs;
            double theirs = TimePyTorch(python, m, k, steps);
            rounds.Add((ours, theirs));
            Console.WriteLine($"round {round}: Sdl.Runtime (TorchSharp) {ours,8:F1} ms   PyTorch {theirs,8:F1} ms   ratio {theirs / ours:F2}x");
        }
        double bestOurs = rounds.Min(r => r.Ours), bestTheirs = rounds.Min(r => r.Theirs);
        Console.WriteLine($"best of each: Sdl.Runtime {bestOurs:F1} ms, PyTorch {bestTheirs:F1} ms: Sdl.Runtime is {bestTheirs / bestOurs:F2}x faster");
        return 0;
    }

    static double TimePyTorch(string python, int m, int k, int steps)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "softcca_step.py");
        var start = new ProcessStartInfo(python, [script, $"{m}", $"{k}", $"{steps}", $"{TrainingStep.Warmup}", $"{TrainingStep.Threads}"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        string output = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{python} {script} failed (Debian: apt-get install python3-torch libopenblas0-pthread):\n{error}");
        using var json = JsonDocument.Parse(output.Trim().Split('\n').Last());
        return json.RootElement.GetProperty("median_ms").GetDouble();
    }
}
