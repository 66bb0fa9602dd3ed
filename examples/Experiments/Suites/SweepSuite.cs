using System.Text;
using System.Text.Json;
using Sdl.Dsl;
using Sdl.Examples.Experiments.Models;
using Sdl.Runtime.Data;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Issue 6, item 5: α × λ for Soft CCA with SDL on image halves, scored by the validation total
/// correlation (top 50) of the best epoch, so that the defaults rest on measurement. Beside the
/// score it records how redundant the embedding units stayed (mean off-diagonal |correlation| of
/// the validation embeddings), the quantity λ trades against the distance term. With
/// <c>--method decov</c> it tunes λ of Soft CCA with DeCov instead (α does not apply), so that
/// the comparison of SDL with DeCov gives each its best λ.
/// </summary>
public static class SweepSuite
{
    static readonly double[] SdlAlphas = [0, 0.5, 0.9, 0.99];
    static readonly double[] SdlLambdas = [1e-2, 1e-1, 0.3, 1, 3];
    static readonly double[] DeCovLambdas = [1e-3, 1e-2, 1e-1, 1, 10];

    public static int Run(ExperimentSettings settings)
    {
        bool sdl = settings.Method == DecorrelationMethod.Sdl;
        double[] alphas = !sdl ? [0] : settings.Alphas.Count > 0 ? [.. settings.Alphas] : SdlAlphas;
        double[] lambdas = settings.Lambdas.Count > 0 ? [.. settings.Lambdas] : sdl ? SdlLambdas : DeCovLambdas;
        string methodName = !sdl ? "DeCov" : settings.Norm == SdlNorm.Squared ? "squared SDL" : "SDL";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int epochs = settings.Epochs ?? 20;
        var split = settings.LoadSplit((images, _) => ImageViews.LeftRightHalves(images));
        Console.WriteLine($"Sweep of Soft CCA with {methodName} on {settings.DatasetTitle} halves: {split.Train.Count} train / {split.Validation.Count} validation; {epochs} epochs, seeds {settings.Seeds}");

        var scores = new double[alphas.Length, lambdas.Length];
        var spread = new double[alphas.Length, lambdas.Length];
        var redundancy = new double[alphas.Length, lambdas.Length];
        double seconds = 0;
        for (int a = 0; a < alphas.Length; a++)
            for (int l = 0; l < lambdas.Length; l++)
            {
                var values = new List<double>();
                var redundancies = new List<double>();
                for (int seed = 0; seed < settings.Seeds; seed++)
                {
                    using var scope = NewDisposeScope();
                    double alpha = alphas[a], lambda = lambdas[l];
                    var run = ModelRun.TrainAndEmbed(() => HalvesObjective.SoftCca(settings.Norm, alpha, lambda, settings.Method).Create(), split, epochs, settings.BatchSize, seed, $"α {alpha:G}, λ {lambda:G}", Halves.Embedding, settings.LearningRate);
                    values.Add(run.Result.BestScore ?? double.NaN);
                    redundancies.Add(run.Validation.Average(CorrelationStatistics.Redundancy));
                    seconds += run.Seconds;
                    Console.WriteLine($"  α = {alpha:G}, λ = {lambda:G}, seed {seed}: best validation total correlation {run.Result.BestScore:F2} at epoch {run.Result.BestEpoch + 1}, redundancy {redundancies[^1]:F3} ({run.Seconds:F0} s)");
                }
                var summary = Summary.Of(values);
                scores[a, l] = summary.Mean;
                spread[a, l] = summary.StandardDeviation;
                redundancy[a, l] = redundancies.Average();
            }

        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, !sdl ? $"sweep-{settings.Dataset}-decov" : settings.Norm == SdlNorm.Squared ? $"sweep-{settings.Dataset}-squared" : $"sweep-{settings.Dataset}");
        var markdown = new StringBuilder();
        markdown.AppendLine($"Soft CCA with {methodName} on {settings.DatasetTitle} halves, embedding 50: best-epoch validation total correlation (top 50), {epochs} epochs, batch {settings.BatchSize}, Adam {settings.LearningRate:G}, mean{(settings.Seeds > 1 ? " ± std" : "")} over {settings.Seeds} seed(s). Run time {clock.Elapsed.TotalMinutes:F1} min ({seconds / (alphas.Length * lambdas.Length * settings.Seeds):F0} s per run).");
        markdown.AppendLine();
        AppendGrid(markdown, alphas, lambdas, (a, l) => settings.Seeds > 1 ? $"{scores[a, l]:F2} ± {spread[a, l]:F2}" : $"{scores[a, l]:F2}");
        markdown.AppendLine();
        markdown.AppendLine("Redundancy of the validation embeddings (mean off-diagonal |correlation| between the 50 units of a view, averaged over views and seeds; 0 = fully decorrelated):");
        markdown.AppendLine();
        AppendGrid(markdown, alphas, lambdas, (a, l) => $"{redundancy[a, l]:F3}");
        var best = (from a in Enumerable.Range(0, alphas.Length) from l in Enumerable.Range(0, lambdas.Length) select (a, l)).MaxBy(p => scores[p.a, p.l]);
        markdown.AppendLine();
        markdown.AppendLine(sdl ? $"Best: α = {alphas[best.a]:G}, λ = {lambdas[best.l]:G} ({scores[best.a, best.l]:F2})." : $"Best: λ = {lambdas[best.l]:G} ({scores[best.a, best.l]:F2}).");
        File.WriteAllText(stem + ".md", markdown.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(new { Alphas = alphas, Lambdas = lambdas, Scores = ToJagged(scores), StandardDeviations = ToJagged(spread), Redundancy = ToJagged(redundancy), epochs, settings.Seeds }));
        Plots.HeatMap(stem + ".png", $"Soft CCA + {methodName}: validation total correlation (top 50)", scores,
            alphas.Select(a => sdl ? $"α = {a:G}" : "").ToArray(), lambdas.Select(l => $"λ = {l:G}").ToArray(), sdl ? "running-average factor α" : "", $"{methodName} weight λ");
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {stem}.md, .json and .png");
        return 0;
    }

    static void AppendGrid(StringBuilder markdown, double[] alphas, double[] lambdas, Func<int, int, string> cell)
    {
        markdown.AppendLine($"| α \\ λ | {string.Join(" | ", lambdas.Select(l => l.ToString("G")))} |");
        markdown.AppendLine($"|---|{string.Concat(lambdas.Select(_ => "---:|"))}");
        for (int a = 0; a < alphas.Length; a++)
            markdown.AppendLine($"| {alphas[a]:G} | {string.Join(" | ", Enumerable.Range(0, lambdas.Length).Select(l => cell(a, l)))} |");
    }

    static double[][] ToJagged(double[,] values) =>
        Enumerable.Range(0, values.GetLength(0)).Select(r => Enumerable.Range(0, values.GetLength(1)).Select(c => values[r, c]).ToArray()).ToArray();
}
