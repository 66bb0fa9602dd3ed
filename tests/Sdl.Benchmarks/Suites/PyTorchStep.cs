using System.Diagnostics;
using System.Text.Json;
using TorchSharp;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// The same Soft CCA training step in Sdl.Runtime and in PyTorch (softcca_step.py, Debian's
/// python3-torch), alternated for a few rounds so that load drift hits both.
/// </summary>
internal static class PyTorchStep
{
    public static void Run(TextWriter output, int m = 512, int k = 256, int steps = 20, int rounds = 3)
    {
        string python = Environment.GetEnvironmentVariable("SDL_PYTHON") ?? "/usr/bin/python3";
        int threads = torch.get_num_threads();
        output.WriteLine($"## Soft CCA training step: Sdl.Runtime (TorchSharp) vs PyTorch (m = {m}, k = {k}, encoders 392 → 1024 ReLU → {k}, Adam, {threads} thread(s))");
        output.WriteLine();
        output.WriteLine("| round | Sdl.Runtime (ms) | PyTorch (ms) | PyTorch / Sdl.Runtime |");
        output.WriteLine("|---:|---:|---:|---:|");
        var ratios = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            double ours = TrainingStep.SoftCca(m, k).Time(steps).MedianMs;
            double theirs = TimePyTorch(python, m, k, steps, threads);
            ratios.Add(theirs / ours);
            output.WriteLine($"| {round} | {ours:F1} | {theirs:F1} | {theirs / ours:F2}× |");
        }
        output.WriteLine();
        output.WriteLine($"Median of PyTorch / Sdl.Runtime: {ratios.Order().ElementAt(ratios.Count / 2):F2} (above 1: Sdl.Runtime is faster).");
        output.WriteLine();
    }

    static double TimePyTorch(string python, int m, int k, int steps, int threads)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "softcca_step.py");
        var start = new ProcessStartInfo(python, [script, $"{m}", $"{k}", $"{steps}", $"{TrainingStep.Warmup}", $"{threads}"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        // Debian's PyTorch multiplies matrices with OpenBLAS, whose thread pool ignores
        // torch.set_num_threads; pin it too, or single-thread CPU time would miss the workers' work.
        start.Environment["OPENBLAS_NUM_THREADS"] = $"{threads}";
        start.Environment["OMP_NUM_THREADS"] = $"{threads}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        string result = process.StandardOutput.ReadToEnd(), error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{python} {script} failed (on Debian: apt-get install python3-torch libopenblas0-pthread):\n{error}");
        using var json = JsonDocument.Parse(result.Trim().Split('\n').Last());
        return json.RootElement.GetProperty("median_ms").GetDouble();
    }
}
