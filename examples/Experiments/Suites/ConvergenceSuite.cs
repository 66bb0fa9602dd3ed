using System.Text;
using System.Text.Json;
using Sdl.Dsl;
using Sdl.Examples.Experiments.Models;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Metrics;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Why Soft CCA trails exact DCCA here: the same networks trained for a longer budget, with the
/// validation total correlation after every epoch (does Soft CCA only converge more slowly?), the
/// test canonical correlation spectrum (which components does it miss?) and how redundant the
/// embedding units stay (mean off-diagonal |correlation|, what SDL penalises).
/// </summary>
public static class ConvergenceSuite
{
    const int TopK = Halves.Embedding;

    static readonly (string Name, Func<MultiViewModule> Create)[] Methods =
    [
        ("DCCA (exact)", () => new ExactDcca()),
        ("Soft CCA, SDL α = 0.9, λ = 0.1", () => HalvesObjective.SoftCca(SdlNorm.L1, 0.9, 0.1).Create()),
        ("Soft CCA, SDL α = 0.9, λ = 1", () => HalvesObjective.SoftCca(SdlNorm.L1, 0.9, 1).Create()),
        ("Soft CCA, SDL α = 0.5, λ = 0.3", () => HalvesObjective.SoftCca(SdlNorm.L1, 0.5, 0.3).Create()),
        ("Soft CCA, SDL α = 0, λ = 0.1", () => HalvesObjective.SoftCca(SdlNorm.L1, 0, 0.1).Create()),
    ];

    record Row(string Method, double[] ValidationCurve, double[] Spectrum, List<double> TestTotals, List<double> Redundancies, List<double> BestEpochs, double SecondsPerRun);

    public static int Run(ExperimentSettings settings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int epochs = settings.Epochs ?? 60;
        var split = settings.LoadSplit((images, _) => ImageViews.LeftRightHalves(images));
        Console.WriteLine($"Convergence on {settings.DatasetTitle} halves: {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test; {epochs} epochs, batch {settings.BatchSize}, {settings.Seeds} seeds");

        var rows = new List<Row>();
        foreach (var (name, create) in Methods)
        {
            var curves = new List<double[]>();
            var spectra = new List<double[]>();
            List<double> totals = [], redundancies = [], bestEpochs = [];
            double seconds = 0;
            for (int seed = 0; seed < settings.Seeds; seed++)
            {
                using var scope = NewDisposeScope();
                // No early stopping and the best epoch restored, as in every suite.
                var run = ModelRun.TrainAndEmbed(create, split, epochs, settings.BatchSize, seed, name, TopK);
                curves.Add(run.Result.History.Select(h => h.ValidationScore ?? double.NaN).ToArray());
                var (correlations, total, _) = CorrelationEvaluation.Evaluate(run.Train[0], run.Train[1], run.Test[0], run.Test[1], TopK);
                spectra.Add(correlations);
                totals.Add(total);
                redundancies.Add(run.Test.Average(CorrelationStatistics.Redundancy));
                bestEpochs.Add(run.Result.BestEpoch + 1);
                seconds += run.Seconds;
                Console.WriteLine($"  {name}, seed {seed}: best validation {run.Result.BestScore:F2} at epoch {run.Result.BestEpoch + 1}; test total correlation {total:F2}; redundancy {redundancies[^1]:F3} ({run.Seconds:F0} s)");
            }
            rows.Add(new Row(name, MeanByIndex(curves), MeanByIndex(spectra), totals, redundancies, bestEpochs, seconds / settings.Seeds));
        }
        Write(settings, rows, epochs, split, clock.Elapsed.TotalSeconds);
        return 0;
    }

    static double[] MeanByIndex(List<double[]> series) =>
        Enumerable.Range(0, series.Min(s => s.Length)).Select(i => series.Average(s => s[i])).ToArray();

    static void Write(ExperimentSettings settings, List<Row> rows, int epochs, DatasetSplit split, double totalSeconds)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, $"convergence-{settings.Dataset}");
        var markdown = new StringBuilder();
        markdown.AppendLine($"{settings.DatasetTitle} halves, MLP 392 → 256 → 256 → 50 per view, {epochs} epochs (best validation epoch restored), batch {settings.BatchSize}, Adam 1e-3; mean ± std over {settings.Seeds} seeds. Total run time {totalSeconds / 60:F1} min.");
        markdown.AppendLine();
        markdown.AppendLine("| method | best epoch | best validation total corr. | test total corr. (top 50) | test components > 0.9 | redundancy (test) | s / run |");
        markdown.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
            markdown.AppendLine($"| {row.Method} | {Summary.Of(row.BestEpochs).Format("F0")} | {row.ValidationCurve.Max():F2} | {Summary.Of(row.TestTotals).Format("F2")} | {row.Spectrum.Count(c => c > 0.9)} | {Summary.Of(row.Redundancies).Format("F3")} | {row.SecondsPerRun:F0} |");
        markdown.AppendLine();
        markdown.AppendLine("Best validation is the maximum of the seed-averaged curve; components > 0.9 counts the seed-averaged test correlations above 0.9.");
        File.WriteAllText(stem + ".md", markdown.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        Plots.Lines(stem + ".png", $"{settings.DatasetTitle} halves: validation total correlation (top 50) per epoch, mean over {settings.Seeds} seeds",
            rows.Select(r => (r.Method, Enumerable.Range(1, r.ValidationCurve.Length).Select(e => (double)e).ToArray(), r.ValidationCurve)).ToList(), "epoch", "validation total correlation (max 50)");
        Plots.Lines(stem + "-spectrum.png", $"{settings.DatasetTitle} halves: test canonical correlations, mean over {settings.Seeds} seeds",
            rows.Select(r => ($"{r.Method}: total {r.Spectrum.Take(TopK).Sum():F1}", Enumerable.Range(1, r.Spectrum.Length).Select(c => (double)c).ToArray(), r.Spectrum)).ToList(), "canonical component (ordered by training correlation)", "test correlation", ScottPlot.Alignment.LowerLeft);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {stem}.md, .json, .png and -spectrum.png");
    }
}
