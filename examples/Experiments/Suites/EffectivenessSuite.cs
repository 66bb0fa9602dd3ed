using System.Text;
using System.Text.Json;
using Sdl.Examples.Experiments.Models;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Metrics;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Issue 6, item 1: linear CCA, DCCA, Soft CCA with SDL, with DeCov, with per-batch SDL (α = 0)
/// and with no decorrelation, on left/right image halves, embedding size 50; test total
/// correlation (top 50), cross-view retrieval and linear-probe accuracy, over seeds.
/// </summary>
public static class EffectivenessSuite
{
    const int TopK = Halves.Embedding;

    static readonly (string Name, Func<MultiViewModule> Create)[] DeepMethods =
    [
        ("DCCA (exact)", () => new ExactDcca()),
        ("Soft CCA, SDL (defaults: squared, α = 0, λ = 0.3)", () => new SoftCcaSdl()),
        ("Soft CCA, SDL α = 0.9 (λ = 1)", () => new SoftCcaSdlLongAverage()),
        ("Soft CCA, SDL per batch α = 0 (λ = 0.1)", () => new SoftCcaSdlPerBatch()),
        ($"Soft CCA, DeCov (λ = {Halves.DeCovLambda:G})", () => new SoftCcaDeCov()),
        ("Soft CCA, no decorrelation", () => new SoftCcaNoDecorrelation()),
    ];

    public static int Run(ExperimentSettings settings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int epochs = settings.Epochs ?? (settings.Dataset == "fashion" ? 10 : 20);
        var split = settings.LoadSplit((images, _) => ImageViews.LeftRightHalves(images));
        Console.WriteLine($"{settings.DatasetTitle} halves: {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test; {epochs} epochs, batch {settings.BatchSize}, {settings.Seeds} seeds");

        var rows = new List<Row> { LinearBaseline(split) };
        foreach (var (name, create) in DeepMethods)
        {
            var runs = new List<IReadOnlyDictionary<string, double>>();
            double seconds = 0;
            for (int seed = 0; seed < settings.Seeds; seed++)
            {
                using var scope = NewDisposeScope();
                var (_, train, _, test, elapsed) = ModelRun.TrainAndEmbed(create, split, epochs, settings.BatchSize, seed, name, TopK);
                var metrics = Evaluate(train[0], train[1], test[0], test[1], split);
                Console.WriteLine($"  {name}, seed {seed}: {string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:F3}"))} ({elapsed:F0} s)");
                runs.Add(metrics);
                seconds += elapsed;
            }
            rows.Add(new Row(name, runs, seconds / settings.Seeds));
        }
        Write(settings, rows, epochs, split, clock.Elapsed.TotalSeconds);
        return 0;
    }

    record Row(string Method, List<IReadOnlyDictionary<string, double>> Runs, double SecondsPerRun);

    const string Total = "total corr. (top 50)";

    static Dictionary<string, double> Evaluate(Tensor train1, Tensor train2, Tensor test1, Tensor test2, DatasetSplit split, double ridge = CorrelationEvaluation.DefaultRidge)
    {
        var (_, total, _) = CorrelationEvaluation.Evaluate(train1, train2, test1, test2, TopK, ridge: ridge);
        var metrics = new Dictionary<string, double> { [Total] = total };
        foreach (var (key, value) in EmbeddingMetrics.Evaluate(train1, train2, test1, test2, split.Train.Labels!, split.Test.Labels!, TopK))
            metrics[key] = value;
        return metrics;
    }

    /// <summary>Linear CCA on the raw halves, ridge chosen on validation: deterministic, so one run.</summary>
    static Row LinearBaseline(DatasetSplit split)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var (train1, train2) = (split.Train.ToTensor(0), split.Train.ToTensor(1));
        double ridge = CorrelationEvaluation.ChooseRidge(train1, train2, split.Validation.ToTensor(0), split.Validation.ToTensor(1), TopK, CorrelationEvaluation.RawInputRidges);
        var metrics = Evaluate(train1, train2, split.Test.ToTensor(0), split.Test.ToTensor(1), split, ridge);
        Console.WriteLine($"  Linear CCA (raw halves, ridge {ridge:G}): {string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:F3}"))}");
        return new Row($"Linear CCA (raw halves, ridge {ridge:G})", [metrics], clock.Elapsed.TotalSeconds);
    }

    static void Write(ExperimentSettings settings, List<Row> rows, int epochs, DatasetSplit split, double totalSeconds)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, $"effectiveness-{settings.Dataset}");
        var columns = rows.SelectMany(r => r.Runs.SelectMany(m => m.Keys)).Distinct().ToList();

        var markdown = new StringBuilder();
        markdown.AppendLine($"{settings.DatasetTitle}, left/right halves, embedding 50: {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test; {epochs} epochs, batch {settings.BatchSize}; mean ± std over {settings.Seeds} seeds (linear CCA is deterministic: one run). Total run time {totalSeconds / 60:F1} min.");
        markdown.AppendLine();
        markdown.AppendLine($"| method | {string.Join(" | ", columns)} | s / run |");
        markdown.AppendLine($"|---|{string.Concat(columns.Select(_ => "---:|"))}---:|");
        foreach (var row in rows)
        {
            var cells = columns.Select(c => Summary.Of(row.Runs.Where(r => r.ContainsKey(c)).Select(r => r[c]).ToList()).Format(c == Total ? "F2" : "F3"));
            markdown.AppendLine($"| {row.Method} | {string.Join(" | ", cells)} | {row.SecondsPerRun:F0} |");
        }
        File.WriteAllText(stem + ".md", markdown.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(rows.Select(r => new { r.Method, r.Runs, r.SecondsPerRun }), new JsonSerializerOptions { WriteIndented = true }));
        Plots.BarsWithErrors(stem + ".png", $"{settings.DatasetTitle} halves: test total correlation (top 50), mean ± std over seeds",
            rows.Select(r => (r.Method, Summary.Of(r.Runs.Select(m => m[Total]).ToList()))).ToList(), "total canonical correlation (max 50)");
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {stem}.md, .json and .png");
    }
}
