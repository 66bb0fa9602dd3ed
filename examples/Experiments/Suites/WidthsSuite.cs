using System.Globalization;
using System.Text;
using System.Text.Json;
using Sdl.Dsl;
using Sdl.Examples.Experiments.Scale;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Issue 20, item 2: do Soft CCA's defaults (λ, the squared SDL, no warm-up) hold at other embedding widths? At each
/// width k it trains Soft CCA over a grid of λ and learning-rate warm-ups on the scale suite's networks and batches
/// (Scale/ScaleRun.cs), scored by the best-epoch validation total correlation (top k), with DCCA-EY and exact DCCA
/// beside it at the same budget. Epoch budgets, not CPU time: the question is which setting wins, not how fast.
/// </summary>
public static class WidthsSuite
{
    static readonly int[] DefaultKs = [10, 128, 512];
    static readonly double[] DefaultLambdas = [0.03, 0.1, 0.3, 1, 3];
    static readonly double[] DefaultWarmups = [0, 1];

    /// <summary>One trained configuration: its method, width, λ (Soft CCA only), warm-up and scores.</summary>
    public sealed record Cell(int K, int BatchSize, string Method, double? Lambda, double Warmup, double BestValidation, int BestEpoch, double[] ValidationCurve, double Seconds)
    {
        /// <summary>The messages of the seeds whose run failed (a collapsed embedding or a divergence); each scored 0.</summary>
        public IReadOnlyList<string> Failures { get; init; } = [];
    }

    public static int Run(ExperimentSettings settings)
    {
        var ks = settings.Ks.Count > 0 ? settings.Ks : DefaultKs;
        var lambdas = settings.Lambdas.Count > 0 ? settings.Lambdas : DefaultLambdas;
        var warmups = settings.Warmups.Count > 0 ? settings.Warmups : DefaultWarmups;
        int epochs = settings.Epochs ?? 10;
        // The rates the scale suite chose most often on validation: 3e-3 for Soft CCA, 1e-3 for the others.
        double softRate = settings.LearningRate, otherRate = 1e-3;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var split = settings.LoadSplit((images, _) => ImageViews.LeftRightHalves(images));
        Console.WriteLine($"Widths on {settings.DatasetTitle} halves: {split.Train.Count} train / {split.Validation.Count} validation; k = {string.Join(", ", ks)}; " +
                          $"λ = {string.Join(", ", lambdas)}; warm-up {string.Join(", ", warmups)} epochs; {epochs} epochs; Adam {softRate:G} (Soft CCA), {otherRate:G} (DCCA-EY, DCCA); {settings.Seeds} seed(s)");

        var cells = new List<Cell>();
        foreach (int k in ks)
        {
            int batch = ScaleRun.BatchFor(k), hidden = ScaleRun.HiddenFor(k);
            foreach (double warmup in warmups)
            {
                foreach (double lambda in lambdas)
                    cells.Add(Train(k, batch, ScaleRun.SoftCcaName, lambda, warmup, softRate,
                        () => ScaleRun.SoftCca(new ModelOptions { EmbeddingSize = k, Lambda = lambda }, hidden)));
                // The other methods as the scale suite trains them, beside Soft CCA.
                foreach (var (name, create) in ScaleRun.Methods.Where(m => m.Name != ScaleRun.SoftCcaName))
                    cells.Add(Train(k, batch, name, null, warmup, otherRate, () => create(k, hidden)));
                Write(settings, cells, epochs, clock.Elapsed.TotalMinutes, softRate, otherRate);
            }
        }
        return 0;

        Cell Train(int k, int batch, string method, double? lambda, double warmup, double rate, Func<MultiViewModule> create)
        {
            var scores = new List<double>();
            var curves = new List<double[]>();
            var failures = new List<string>();
            int bestEpoch = 0;
            double seconds = 0;
            for (int seed = 0; seed < settings.Seeds; seed++)
            {
                using var scope = NewDisposeScope();
                string name = $"k = {k}, {method}{(lambda is double l ? $", λ = {l:G}" : "")}, warm-up {warmup:G}";
                RunOutput run;
                try { run = ModelRun.TrainAndEmbed(create, split, epochs, batch, seed, name, k, rate, warmupEpochs: warmup); }
                catch (Exception e) when (e is NonFiniteMetricException or TrainingDivergedException or NonFiniteLossException)
                {
                    // A setting that collapses the embedding is a result of the grid (scored 0: no correlation), not the end of it.
                    Console.WriteLine($"  {name}, seed {seed}: failed: {e.Message}");
                    scores.Add(0);
                    curves.Add([]);
                    failures.Add(e.Message);
                    continue;
                }
                scores.Add(run.Result.BestScore ?? double.NaN);
                curves.Add([.. run.Result.History.Select(h => h.ValidationScore ?? double.NaN)]);
                bestEpoch = run.Result.BestEpoch + 1;
                seconds += run.Seconds;
                Console.WriteLine($"  {name}, seed {seed}: best validation {run.Result.BestScore:F2} at epoch {bestEpoch} ({run.Seconds:F0} s)");
            }
            double[] meanCurve = [.. Enumerable.Range(0, curves.Min(c => c.Length)).Select(e => curves.Average(c => c[e]))];
            return new Cell(k, batch, method, lambda, warmup, scores.Average(), bestEpoch, meanCurve, seconds / settings.Seeds) { Failures = failures };
        }
    }

    static void Write(ExperimentSettings settings, List<Cell> cells, int epochs, double minutes, double softRate, double otherRate)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, $"widths-{settings.Dataset}");
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"{settings.DatasetTitle} halves, MLP 392 → h → h → k per view (h = max(512, k)), batch per k as in the scale suite, {epochs} epochs, Adam {softRate:G} for Soft CCA (squared SDL, α = 0) and {otherRate:G} for DCCA-EY and DCCA, constant after a linear warm-up of the given epochs; best-epoch validation total correlation (top k), mean over {settings.Seeds} seed(s); a run that failed (its embedding collapsed to no variance, or it diverged) counts 0 and is marked. Run time {minutes:F1} min.");
        md.AppendLine();
        var lambdas = cells.Where(c => c.Lambda is not null).Select(c => c.Lambda!.Value).Distinct().Order().ToArray();
        md.AppendLine($"| k | batch | warm-up | {string.Join(" | ", lambdas.Select(l => $"Soft CCA λ = {l:G}"))} | DCCA-EY | DCCA |");
        md.AppendLine($"|---:|---:|---:|{string.Concat(lambdas.Select(_ => "---:|"))}---:|---:|");
        foreach (var group in cells.GroupBy(c => (c.K, c.BatchSize, c.Warmup)))
        {
            string Score(Cell? c) => c is null ? "" : c.Failures.Count > 0 ? $"{c.BestValidation:F2} ({c.Failures.Count} failed)" : $"{c.BestValidation:F2}";
            var best = group.Where(c => c.Lambda is not null).MaxBy(c => c.BestValidation);
            var row = lambdas.Select(l => group.FirstOrDefault(c => c.Lambda == l) is { } c ? (c == best ? $"**{Score(c)}**" : Score(c)) : "");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.K} | {group.Key.BatchSize} | {group.Key.Warmup:G} | {string.Join(" | ", row)} | {Score(group.FirstOrDefault(c => c.Method == "DCCA-EY"))} | {Score(group.FirstOrDefault(c => c.Method == "DCCA"))} |");
        }
        File.WriteAllText(stem + ".md", md.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(new { epochs, settings.Seeds, SoftCcaLearningRate = softRate, OtherLearningRate = otherRate, Cells = cells }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.WriteLine(md);
        Console.WriteLine($"Wrote {stem}.md and .json");
    }
}
