using System.Globalization;
using System.Text;
using System.Text.Json;
using Sdl.Examples.Experiments.Scale;
using Sdl.Reports;
using Sdl.Runtime.Data;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Quality per second at large embeddings: Soft CCA (squared SDL), DCCA-EY and exact DCCA on the
/// image halves at embedding widths k up to 1024, each at its validation-chosen learning rate,
/// trained interleaved under the same CPU-time budget (<see cref="ScaleRun"/>). Writes
/// scale-{dataset}.md, .json and .png (a panel per k) after every width, so finished widths survive.
/// </summary>
public static class ScaleSuite
{
    /// <summary>The widths measured unless <c>--ks</c> names others.</summary>
    public static readonly IReadOnlyList<int> DefaultKs = [50, 128, 256, 512, 1024];

    public static int Run(ExperimentSettings settings)
    {
        var ks = settings.Ks.Count > 0 ? settings.Ks : DefaultKs;
        var split = settings.LoadSplit((images, _) => ImageViews.LeftRightHalves(images));
        if (settings.Warmups.Count > 1)
            throw new ArgumentException($"scale trains every method with one warm-up; --warmups named {settings.Warmups.Count} ({string.Join(", ", settings.Warmups)}).");
        var plan = new ScaleRun.Plan(settings.BudgetSeconds, settings.Slices, settings.TuneSeconds, settings.LearningRates.Count > 0 ? settings.LearningRates : [3e-4, 1e-3, 3e-3])
        {
            SoftCcaLambdas = settings.Lambdas,
            WarmupEpochs = settings.Warmups.Count == 1 ? settings.Warmups[0] : 0,
        };
        Console.WriteLine($"Scale on {settings.DatasetTitle} halves: {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test; " +
                          $"k = {string.Join(", ", ks)}; {plan.BudgetSeconds:G} CPU s per method in {plan.Slices} slices; learning rates {string.Join(", ", plan.LearningRates)}{(plan.SoftCcaLambdas.Count > 0 ? $" × Soft CCA's λ {string.Join(", ", plan.SoftCcaLambdas)}" : "")} at {plan.TuneSeconds:G} CPU s each; warm-up {plan.WarmupEpochs:G} epochs; " +
                          $"{TorchSharp.torch.get_num_threads()} libtorch thread(s); load average {CpuClock.LoadAverage():F2}");
        var widths = new List<ScaleWidth>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (int k in ks)
        {
            widths.Add(ScaleRun.Measure(split, k, plan, line => Console.WriteLine(line)));
            Write(settings, plan, split, widths, clock.Elapsed.TotalMinutes);
        }
        return 0;
    }

    static string Seconds(double? seconds) => seconds is double s ? s.ToString("F0", CultureInfo.InvariantCulture) : "never";

    /// <summary>The Markdown table, the JSON and the plot of the widths measured so far.</summary>
    public static void Write(ExperimentSettings settings, ScaleRun.Plan plan, DatasetSplit split, IReadOnlyList<ScaleWidth> widths, double minutes)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, $"scale-{settings.Dataset}");
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"{settings.DatasetTitle} halves ({split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test), MLP 392 → h → h → k per view with h = max(512, k), Adam at a constant learning rate{(plan.WarmupEpochs > 0 ? $" after a linear warm-up of {plan.WarmupEpochs:G} epochs" : "")} chosen per method and k on validation from {{{string.Join(", ", plan.LearningRates.Select(l => l.ToString("G", CultureInfo.InvariantCulture)))}}}{(plan.SoftCcaLambdas.Count > 0 ? $", and Soft CCA's λ from {{{string.Join(", ", plan.SoftCcaLambdas.Select(l => l.ToString("G", CultureInfo.InvariantCulture)))}}} (every pair)" : "")} ({plan.TuneSeconds:G} CPU s per point), then {plan.BudgetSeconds:G} CPU s of training per method in {plan.Slices} interleaved slices, seed {plan.Seed}, one libtorch thread. Test: linear CCA fitted on the training embeddings of the best validated weights, the sum of all k test correlations (top k = k; the 10,000 test samples allow every k here). Time to 95 %: CPU seconds of training until the first validation at ≥ 95 % of the best validation score any method reached at that k (validation after every slice, not charged). Total run time {minutes:F0} min.");
        md.AppendLine();
        md.AppendLine("| k | batch | method | lr | λ | test total corr. (top k) | best validation | epochs | CPU s / epoch | wall s / epoch | time to 95 % (CPU s) | time to 95 % (wall s) | load avg. start → end |");
        md.AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var width in widths)
            foreach (var r in width.Methods)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.K} | {r.BatchSize} | {r.Method}{(r.Failure is null ? "" : " (stopped: " + r.Failure.Replace("|", "/") + ")")} | {r.LearningRate:G} | {(r.Lambda is double l ? l.ToString("G", CultureInfo.InvariantCulture) : "declared")} | {r.TestTotal:F2} | {r.BestValidation:F2} | {r.Epochs:F1} | {r.CpuSecondsPerEpoch:F1} | {(r.Epochs > 0 ? r.WallSeconds / r.Epochs : double.NaN):F1} | {Seconds(r.CpuSecondsTo95)} | {Seconds(r.WallSecondsTo95)} | {width.LoadAtStart:F1} → {width.LoadAtEnd:F1} |");
        md.AppendLine();
        md.AppendLine("Soft CCA against DCCA's best validation score (CPU seconds of training; \"never\" = not within the budget):");
        md.AppendLine();
        md.AppendLine("| k | DCCA's best validation | DCCA reaches it at | Soft CCA reaches it at | Soft CCA / DCCA |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var width in widths)
        {
            var dcca = width.Methods.FirstOrDefault(m => m.Method == "DCCA");
            var soft = width.Methods.FirstOrDefault(m => m.Method == ScaleRun.SoftCcaName);
            if (dcca is null || soft is null) continue;
            var dccaBest = QualityCurve.Best(dcca.Curve);
            var softThere = dccaBest is null ? null : QualityCurve.FirstReaching(soft.Curve, dccaBest.Score);
            string ratio = dccaBest is not null && softThere is not null ? (softThere.CpuSeconds / dccaBest.CpuSeconds).ToString("F2", CultureInfo.InvariantCulture) : "—";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {width.K} | {dcca.BestValidation:F2} | {Seconds(dccaBest?.CpuSeconds)} | {Seconds(softThere?.CpuSeconds)} | {ratio} |");
        }
        md.AppendLine();
        md.AppendLine("Grid (validation total correlation after the tuning budget; the chosen point is the best):");
        md.AppendLine();
        foreach (var width in widths)
            foreach (var r in width.Methods)
                md.AppendLine(CultureInfo.InvariantCulture, $"- k = {r.K}, {r.Method}: {string.Join(", ", r.TuneScores.Select(s => $"{s.Key} → {s.Value:F2}"))}");
        File.WriteAllText(stem + ".md", md.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(widths, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        Plots.Panels(stem + ".png", $"{settings.DatasetTitle} halves: validation total correlation (top k) against CPU seconds of training\n({plan.BudgetSeconds:G} CPU s per method, validation not charged)",
            widths.Select(w => ($"k = {w.K}, batch {w.BatchSize}, hidden {w.Hidden} (dashed: 95 % of the best)", w.Target,
                (IReadOnlyList<(string, double[], double[])>)w.Methods.Select(m => (m.Method, m.Curve.Select(p => p.CpuSeconds).ToArray(), m.Curve.Select(p => p.Score).ToArray())).ToList())).ToList(),
            "CPU seconds of training", "validation total correlation");
        Console.WriteLine(md);
        Console.WriteLine($"Wrote {stem}.md, .json and .png");
    }
}
