using System.Text;
using System.Text.Json;
using Sdl.Dsl;
using Sdl.Examples.Experiments.Models;
using Sdl.Runtime.Data;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Metrics;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Issue 9: Soft CCA with the squared SDL, Soft CCA with the L1 SDL, DCCA-EY, exact DCCA and (issue 21) Barlow Twins, each at
/// the settings (learning rate, and λ/α, ridge or penalty) that scored best on the validation split,
/// then trained over seeds at each budget and scored on the test split; linear CCA on the raw halves
/// beside them. Also measures the mechanism behind the norms: how SDL's gradient scales as the
/// correlations it penalises shrink.
/// </summary>
public static class FairComparisonSuite
{
    const int TopK = Halves.Embedding;
    const int TuningSeed = 100; // apart from the final seeds 0, 1, 2, so the choice does not favour them

    static readonly double[] LearningRates = [1e-3, 3e-3];

    record Candidate(HalvesObjective Objective, double LearningRate)
    {
        public string Label => $"{Objective.Label}, lr {LearningRate:G}";
    }

    record Method(string Name, Candidate[] Grid);

    static Candidate[] Grid(params HalvesObjective[] objectives) =>
        [.. from o in objectives from lr in LearningRates select new Candidate(o, lr)];

    static readonly Method[] Methods =
    [
        new("Soft CCA, squared SDL", Grid(
            HalvesObjective.SoftCca(SdlNorm.Squared, 0.5, 0.1), HalvesObjective.SoftCca(SdlNorm.Squared, 0.5, 0.3), HalvesObjective.SoftCca(SdlNorm.Squared, 0.5, 1),
            HalvesObjective.SoftCca(SdlNorm.Squared, 0, 0.3), HalvesObjective.SoftCca(SdlNorm.Squared, 0.9, 1))),
        // L1's α and λ were swept over 4 × 5 values before (docs/results.md, section 4): only the learning rate is new here.
        new("Soft CCA, L1 SDL", Grid(HalvesObjective.SoftCca(SdlNorm.L1, 0.5, 0.3))),
        new("DCCA-EY", Grid(HalvesObjective.DccaEy(EyPenalty.IndependentHalves), HalvesObjective.DccaEy(EyPenalty.SameBatch))),
        new("DCCA (exact)", Grid(HalvesObjective.Dcca(1e-3), HalvesObjective.Dcca(1e-2))),
        // The paper's λ_BT (5e-3, for 8192-wide embeddings) and 1/k = 0.02 for these 50-wide ones (Graph Barlow Twins' rule).
        new("Barlow Twins", Grid(HalvesObjective.BarlowTwins(BarlowTwinsAttribute.DefaultOffDiagonalWeight), HalvesObjective.BarlowTwins(1.0 / Halves.Embedding))),
    ];

    record TuningRow(string Method, string Candidate, double ValidationScore, int BestEpoch, double Seconds);

    record RunResult(int Seed, double TestTotal, double[] Spectrum, double[] ValidationCurve, int BestEpoch, double Seconds);

    record FinalRow(string Method, string Settings, int Budget, List<RunResult> Runs);

    public static int Run(ExperimentSettings settings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool fashion = settings.Dataset == "fashion";
        IReadOnlyList<int> budgets = settings.Budgets.Count > 0 ? settings.Budgets : fashion ? [30] : [20, 60];
        int tuneEpochs = settings.TuneEpochs ?? 20;
        var split = settings.LoadSplit((images, _) => ImageViews.LeftRightHalves(images));
        Console.WriteLine($"Fair comparison on {settings.DatasetTitle} halves: {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test; budgets {string.Join(", ", budgets)} epochs, batch {settings.BatchSize}, {settings.Seeds} seeds, {get_num_threads()} thread(s)");
        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, $"fair-{settings.Dataset}");

        WriteGradientMechanism(Path.Combine(settings.OutputDirectory, "sdl-gradient-vs-correlation"));
        var linear = LinearBaseline(split);

        var chosen = settings.TunedOn is string other
            ? ReadChoices(Path.Combine(settings.OutputDirectory, $"fair-{other}-tuning.json"))
            : Tune(settings, split, tuneEpochs, stem + "-tuning");

        var rows = new List<FinalRow>();
        foreach (int budget in budgets)
            foreach (var method in Methods)
            {
                var candidate = method.Grid.Single(c => c.Label == chosen[method.Name]);
                var runs = new List<RunResult>();
                for (int seed = 0; seed < settings.Seeds; seed++)
                {
                    using var scope = NewDisposeScope();
                    var run = ModelRun.TrainAndEmbed(() => candidate.Objective.Create(), split, budget, settings.BatchSize, seed, candidate.Label, TopK, candidate.LearningRate);
                    var (spectrum, total, _) = CorrelationEvaluation.Evaluate(run.Train[0], run.Train[1], run.Test[0], run.Test[1], TopK);
                    runs.Add(new RunResult(seed, total, spectrum, run.Result.History.Select(h => h.ValidationScore ?? double.NaN).ToArray(), run.Result.BestEpoch + 1, run.Seconds));
                    Console.WriteLine($"  [{budget} epochs] {method.Name} ({candidate.Label}), seed {seed}: test total correlation {total:F2}, best epoch {run.Result.BestEpoch + 1} ({run.Seconds:F0} s)");
                }
                rows.Add(new FinalRow(method.Name, candidate.Label, budget, runs));
                // Written after every method, so a long run that is stopped keeps what it finished.
                Write(settings, stem, rows, linear, budgets, split, clock.Elapsed.TotalSeconds);
            }
        Console.WriteLine($"Done in {clock.Elapsed.TotalMinutes:F1} min.");
        return 0;
    }

    /// <summary>Each method's candidate with the best validation total correlation, one seed each.</summary>
    static Dictionary<string, string> Tune(ExperimentSettings settings, DatasetSplit split, int epochs, string stem)
    {
        var rows = new List<TuningRow>();
        var chosen = new Dictionary<string, string>();
        foreach (var method in Methods)
        {
            foreach (var candidate in method.Grid)
            {
                using var scope = NewDisposeScope();
                var run = ModelRun.TrainAndEmbed(() => candidate.Objective.Create(), split, epochs, settings.BatchSize, TuningSeed, candidate.Label, TopK, candidate.LearningRate);
                double score = run.Result.BestScore ?? double.NaN;
                rows.Add(new TuningRow(method.Name, candidate.Label, score, run.Result.BestEpoch + 1, run.Seconds));
                Console.WriteLine($"  tuning {candidate.Label}: best validation total correlation {score:F2} at epoch {run.Result.BestEpoch + 1} ({run.Seconds:F0} s)");
            }
            // NaN (a collapsed run) never wins.
            chosen[method.Name] = rows.Where(r => r.Method == method.Name && !double.IsNaN(r.ValidationScore)).MaxBy(r => r.ValidationScore)!.Candidate;
        }

        var markdown = new StringBuilder();
        markdown.AppendLine($"{settings.DatasetTitle} halves: validation total correlation (top 50) of the best epoch, {epochs} epochs, one seed ({TuningSeed}), batch {settings.BatchSize}. The chosen setting of each method is in bold.");
        markdown.AppendLine();
        markdown.AppendLine("| method | setting | validation total corr. | best epoch | s |");
        markdown.AppendLine("|---|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            bool best = chosen[row.Method] == row.Candidate;
            markdown.AppendLine($"| {row.Method} | {(best ? $"**{row.Candidate}**" : row.Candidate)} | {row.ValidationScore:F2} | {row.BestEpoch} | {row.Seconds:F0} |");
        }
        File.WriteAllText(stem + ".md", markdown.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(new { Epochs = epochs, Seed = TuningSeed, Rows = rows, Chosen = chosen }, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(markdown);
        return chosen;
    }

    static Dictionary<string, string> ReadChoices(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--tuned-on needs {path}: run the fair suite on that data set first.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("Chosen").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    record LinearResult(string Label, double TestTotal, double[] Spectrum);

    static LinearResult LinearBaseline(DatasetSplit split)
    {
        using var scope = NewDisposeScope();
        var (train1, train2) = (split.Train.ToTensor(0), split.Train.ToTensor(1));
        double ridge = CorrelationEvaluation.ChooseRidge(train1, train2, split.Validation.ToTensor(0), split.Validation.ToTensor(1), TopK, CorrelationEvaluation.RawInputRidges);
        var (spectrum, total, _) = CorrelationEvaluation.Evaluate(train1, train2, split.Test.ToTensor(0), split.Test.ToTensor(1), TopK, ridge: ridge);
        Console.WriteLine($"  Linear CCA (raw halves, ridge {ridge:G}): test total correlation {total:F2}");
        return new LinearResult($"Linear CCA (raw halves, ridge {ridge:G})", total, spectrum);
    }

    static void Write(ExperimentSettings settings, string stem, List<FinalRow> rows, LinearResult linear, IReadOnlyList<int> budgets, DatasetSplit split, double seconds)
    {
        var markdown = new StringBuilder();
        markdown.AppendLine($"{settings.DatasetTitle} halves, MLP 392 → 256 → 256 → 50 per view, batch {settings.BatchSize}, Adam; {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test. Test total correlation (top 50) at the best validation epoch of each run, mean ± std over {settings.Seeds} seeds; each method at its validation-chosen setting{(settings.TunedOn is null ? "" : $" (chosen on {settings.TunedOn})")}. Run time so far {seconds / 60:F1} min.");
        markdown.AppendLine();
        markdown.AppendLine($"| method | setting | {string.Join(" | ", budgets.Select(b => $"{b} epochs"))} | s / run |");
        markdown.AppendLine($"|---|---|{string.Concat(budgets.Select(_ => "---:|"))}---:|");
        markdown.AppendLine($"| {linear.Label} | – | {string.Join(" | ", budgets.Select(_ => $"{linear.TestTotal:F2}"))} | – |");
        foreach (var method in rows.Select(r => r.Method).Distinct())
        {
            var own = rows.Where(r => r.Method == method).ToList();
            var cells = budgets.Select(b => own.FirstOrDefault(r => r.Budget == b) is FinalRow row ? Summary.Of(row.Runs.Select(r => r.TestTotal).ToList()).Format("F2") : "…");
            markdown.AppendLine($"| {method} | {own[0].Settings} | {string.Join(" | ", cells)} | {own.SelectMany(r => r.Runs).Average(r => r.Seconds / Math.Max(1, r.ValidationCurve.Length)) * budgets.Max():F0} |");
        }
        markdown.AppendLine();
        markdown.AppendLine($"s / run is the time of one run at {budgets.Max()} epochs (from the measured time per epoch).");
        File.WriteAllText(stem + ".md", markdown.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(new { Linear = linear, Rows = rows, Budgets = budgets, settings.Seeds }, new JsonSerializerOptions { WriteIndented = true }));

        int longest = budgets.Max();
        var atLongest = rows.Where(r => r.Budget == longest).ToList();
        if (atLongest.Count == 0) return;
        Plots.Lines(stem + "-spectrum.png", $"{settings.DatasetTitle} halves, {longest} epochs: test canonical correlations, mean over seeds",
            [(linear.Label, Components(linear.Spectrum), linear.Spectrum), .. atLongest.Select(r => { var s = MeanByIndex(r.Runs.Select(x => x.Spectrum).ToList()); return ($"{r.Method}: total {s.Take(TopK).Sum():F1}", Components(s), s); })],
            "canonical component (ordered by training correlation)", "test correlation", ScottPlot.Alignment.LowerLeft);
        Plots.Lines(stem + "-validation.png", $"{settings.DatasetTitle} halves: validation total correlation (top 50) per epoch, mean over seeds",
            [.. atLongest.Select(r => { var c = MeanByIndex(r.Runs.Select(x => x.ValidationCurve).ToList()); return (r.Method, Components(c), c); })],
            "epoch", "validation total correlation (max 50)");
    }

    static double[] Components(double[] values) => [.. Enumerable.Range(1, values.Length).Select(i => (double)i)];

    static double[] MeanByIndex(List<double[]> series) =>
        [.. Enumerable.Range(0, series.Min(s => s.Length)).Select(i => series.Average(s => s[i]))];

    /// <summary>
    /// The mechanism: one SDL step (α = 0) on batches whose features share a factor of decreasing
    /// strength; the gradient norm of each norm against the mean off-diagonal |correlation|, relative
    /// to its value at the strongest correlation.
    /// </summary>
    static void WriteGradientMechanism(string stem)
    {
        const int m = 512, k = 50;
        double[] loadings = [0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01, 0];
        var series = new List<(string, double[], double[])>();
        var markdown = new StringBuilder("| mean |off-diagonal correlation| | L1 gradient (relative) | squared gradient (relative) |\n|---:|---:|---:|\n");
        var correlations = new double[loadings.Length];
        var gradients = new Dictionary<SdlNorm, double[]> { [SdlNorm.L1] = new double[loadings.Length], [SdlNorm.Squared] = new double[loadings.Length] };
        for (int i = 0; i < loadings.Length; i++)
        {
            using var scope = NewDisposeScope();
            manual_seed(7);
            var batch = randn(m, 1) * loadings[i] + randn(m, k);
            correlations[i] = CorrelationStatistics.Redundancy(batch);
            foreach (var norm in new[] { SdlNorm.L1, SdlNorm.Squared })
            {
                using var sdl = new StochasticDecorrelationLoss(k, 0, norm: norm);
                var input = batch.clone().requires_grad_(true);
                sdl.forward(input).backward();
                gradients[norm][i] = input.grad!.norm().item<float>();
            }
        }
        foreach (var norm in gradients.Keys)
        {
            var relative = gradients[norm].Select(g => g / gradients[norm][0]).ToArray();
            series.Add(($"{(norm == SdlNorm.L1 ? "L1" : "squared")} SDL", correlations, relative));
        }
        for (int i = 0; i < loadings.Length; i++)
            markdown.AppendLine($"| {correlations[i]:F3} | {gradients[SdlNorm.L1][i] / gradients[SdlNorm.L1][0]:F2} | {gradients[SdlNorm.Squared][i] / gradients[SdlNorm.Squared][0]:F3} |");
        File.WriteAllText(stem + ".md", markdown.ToString());
        Plots.Lines(stem + ".png", $"SDL gradient norm as the correlations shrink (m = {m}, k = {k}, one step, α = 0)", series,
            "mean off-diagonal |correlation| of the batch", "gradient norm relative to the most correlated batch", ScottPlot.Alignment.UpperLeft);
        Console.WriteLine(markdown);
    }
}
