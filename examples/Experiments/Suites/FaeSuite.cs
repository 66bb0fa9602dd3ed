using System.Text;
using System.Text.Json;
using Sdl.Examples.FaeSharedPrivate;
using Sdl.Runtime.Data;
using Sdl.Runtime.Metrics;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Issue 6, item 4: does the FAE separate shared from private factors? The models are the
/// FaeSharedPrivate example's own (linked source), on noisy-MNIST style pairs whose views share
/// only the class. Per view, on the test pairs: linear-probe accuracy of the shared block and of
/// the private block, the mean |correlation| between the two blocks, and how strongly each block
/// correlates across the views (linear CCA fitted on training latents, sum of the 16 test correlations).
/// </summary>
public static class FaeSuite
{
    const int BatchSize = 128;

    static readonly (string Name, Func<MultiViewModule> Create)[] Models =
    [
        ("FAE + SDL", () => new NoisyDigitsFae()),
        ("FAE without SDL", () => new NoisyDigitsFaeWithoutSdl()),
    ];

    const string ProbeShared = "probe, shared block (%)";
    const string ProbePrivate = "probe, private block (%)";
    const string BlockCorrelation = "mean abs. corr. (shared, private)";
    const string CrossShared = "cross-view corr., shared (of 16)";
    const string CrossPrivate = "cross-view corr., private (of 16)";

    public static int Run(ExperimentSettings settings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int epochs = settings.Epochs ?? 8;
        var split = settings.LoadSplit((images, part) => ImageViews.NoisyPairs(images, seed: part));
        Console.WriteLine($"FAE on {split.Train.Description}: {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test pairs; {epochs} epochs, batch {BatchSize}, {settings.Seeds} seeds");

        var rows = new List<(string Model, List<Dictionary<string, double>> Runs, double Seconds)>();
        foreach (var (name, create) in Models)
        {
            var runs = new List<Dictionary<string, double>>();
            double seconds = 0;
            for (int seed = 0; seed < settings.Seeds; seed++)
            {
                using var scope = NewDisposeScope();
                string[] taps = ["Rotated.latent", "Noisy.latent"];
                var run = ModelRun.TrainAndEmbed(create, split, epochs, BatchSize, seed, name, validationTopK: Latent.Shared, taps: taps);
                var metrics = Measure(run, split);
                Console.WriteLine($"  {name}, seed {seed}: {string.Join(", ", metrics.Select(m => $"{m.Key} {m.Value:F2}"))} ({run.Seconds:F0} s)");
                runs.Add(metrics);
                seconds += run.Seconds;
            }
            rows.Add((name, runs, seconds / settings.Seeds));
        }

        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, $"fae-{settings.Dataset}");
        string[] columns = [ProbeShared, ProbePrivate, BlockCorrelation, CrossShared, CrossPrivate];
        var markdown = new StringBuilder();
        markdown.AppendLine($"FAE ({Latent.Shared} shared + {Latent.Private} private latent units per view, encoder {Latent.Pixels} → {Latent.Hidden} → {Latent.Size}) on {split.Train.Description}, {split.Train.Count} train / {split.Test.Count} test pairs; {epochs} epochs, batch {BatchSize}; per-view values averaged over the two views, mean ± std over {settings.Seeds} seeds (chance for the probe: 10%). Run time {clock.Elapsed.TotalMinutes:F1} min.");
        markdown.AppendLine();
        markdown.AppendLine($"| model | {string.Join(" | ", columns)} | s / run |");
        markdown.AppendLine($"|---|{string.Concat(columns.Select(_ => "---:|"))}---:|");
        foreach (var (model, runs, seconds) in rows)
            markdown.AppendLine($"| {model} | {string.Join(" | ", columns.Select(c => Summary.Of(runs.Select(r => r[c]).ToList()).Format(c == BlockCorrelation ? "F3" : "F2")))} | {seconds:F0} |");
        File.WriteAllText(stem + ".md", markdown.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(rows.Select(r => new { r.Model, r.Runs, r.Seconds }), new JsonSerializerOptions { WriteIndented = true }));
        Plots.BarsWithErrors(stem + ".png", "FAE: linear-probe accuracy (%) of each latent block, mean ± std over seeds",
            rows.SelectMany(r => new[] { ProbeShared, ProbePrivate }.Select(c => ($"{r.Model}: {c.Replace("probe, ", "").Replace(" (%)", "")}", Summary.Of(r.Runs.Select(m => m[c]).ToList())))).ToList(),
            "test accuracy (%)");
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {stem}.md, .json and .png");
        return 0;
    }

    static Dictionary<string, double> Measure(RunOutput run, DatasetSplit split)
    {
        var trainLabels = tensor(split.Train.Labels!.Select(l => (long)l).ToArray());
        var testLabels = tensor(split.Test.Labels!.Select(l => (long)l).ToArray());
        Tensor Shared(Tensor latent) => latent.narrow(1, 0, Latent.Shared);
        Tensor Private(Tensor latent) => latent.narrow(1, Latent.Shared, Latent.Private);
        double Probe(Func<Tensor, Tensor> block, int view) =>
            100 * LinearProbe.Fit(block(run.Train[view]), trainLabels).Accuracy(block(run.Test[view]), testLabels);
        double CrossView(Func<Tensor, Tensor> block) =>
            CorrelationEvaluation.Evaluate(block(run.Train[0]), block(run.Train[1]), block(run.Test[0]), block(run.Test[1]), Latent.Shared).Total;
        int[] views = [0, 1];
        return new Dictionary<string, double>
        {
            [ProbeShared] = views.Average(v => Probe(Shared, v)),
            [ProbePrivate] = views.Average(v => Probe(Private, v)),
            [BlockCorrelation] = views.Average(v => CorrelationStatistics.MeanAbsoluteCrossCorrelation(Shared(run.Test[v]), Private(run.Test[v]))),
            [CrossShared] = CrossView(Shared),
            [CrossPrivate] = CrossView(Private),
        };
    }
}
