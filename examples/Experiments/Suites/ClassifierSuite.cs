using System.Text;
using System.Text.Json;
using Sdl.Examples.Experiments.Models;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Suites;

/// <summary>
/// Issue 6, item 3: beyond multi-view. A classifier of whole images with SDL, DeCov or nothing on
/// its two hidden layers; test accuracy over seeds.
/// </summary>
public static class ClassifierSuite
{
    static readonly (string Name, Func<MultiViewModule> Create)[] Methods =
    [
        ("no decorrelation", () => new ClassifierPlain()),
        ($"SDL on fc1, fc2 (λ = {Classifier.Lambda / 100:0.#E+0})", () => new ClassifierSdlWeakest()),
        ($"SDL on fc1, fc2 (λ = {Classifier.Lambda / 10:0.#E+0})", () => new ClassifierSdlWeak()),
        ($"SDL on fc1, fc2 (λ = {Classifier.Lambda:0.#E+0})", () => new ClassifierSdl()),
        ($"DeCov on fc1, fc2 (λ = {Classifier.Lambda:0.#E+0})", () => new ClassifierDeCov()),
    ];

    public static int Run(ExperimentSettings settings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int epochs = settings.Epochs ?? (settings.Dataset == "fashion" ? 5 : 20);
        var split = settings.LoadSplit((images, _) => WholeImages(images));
        Console.WriteLine($"Classifier on {settings.DatasetTitle}: {split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test; {epochs} epochs, {settings.Seeds} seeds");

        var rows = new List<(string Method, List<double> Accuracies, double Seconds)>();
        foreach (var (name, create) in Methods)
        {
            var accuracies = new List<double>();
            double seconds = 0;
            for (int seed = 0; seed < settings.Seeds; seed++)
            {
                using var scope = NewDisposeScope();
                var (_, _, _, test, elapsed) = ModelRun.TrainAndEmbed(create, split, epochs, settings.BatchSize, seed, name, validationTopK: 10);
                var predictions = test[0].argmax(1);
                var labels = tensor(split.Test.Labels!.Select(l => (long)l).ToArray());
                double accuracy = predictions.eq(labels).to(ScalarType.Float64).mean().item<double>();
                Console.WriteLine($"  {name}, seed {seed}: test accuracy {accuracy:P2} ({elapsed:F0} s)");
                accuracies.Add(accuracy);
                seconds += elapsed;
            }
            rows.Add((name, accuracies, seconds / settings.Seeds));
        }

        Directory.CreateDirectory(settings.OutputDirectory);
        string stem = Path.Combine(settings.OutputDirectory, $"classifier-{settings.Dataset}");
        var markdown = new StringBuilder();
        markdown.AppendLine($"MLP 784 → 256 → 256 → 10 on {settings.DatasetTitle} ({split.Train.Count} train / {split.Validation.Count} validation / {split.Test.Count} test), {epochs} epochs, Adam 1e-3, batch {settings.BatchSize}, weights of the best validation epoch; SDL at its default α. Test accuracy (%), mean ± std over {settings.Seeds} seeds. Run time {clock.Elapsed.TotalMinutes:F1} min.");
        markdown.AppendLine();
        markdown.AppendLine("| hidden-layer decorrelation | test accuracy (%) | s / run |");
        markdown.AppendLine("|---|---:|---:|");
        foreach (var (method, accuracies, seconds) in rows)
            markdown.AppendLine($"| {method} | {Summary.Of(accuracies.Select(a => 100 * a).ToList()).Format("F2")} | {seconds:F0} |");
        File.WriteAllText(stem + ".md", markdown.ToString());
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(rows.Select(r => new { r.Method, r.Accuracies, r.Seconds })));
        Plots.BarsWithErrors(stem + ".png", $"{settings.DatasetTitle}: test accuracy (%), mean ± std over seeds",
            rows.Select(r => (r.Method, Summary.Of(r.Accuracies.Select(a => 100 * a).ToList()))).ToList(), "test accuracy (%)");
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {stem}.md, .json and .png");
        return 0;
    }

    /// <summary>One view: the whole 28 × 28 image scaled to [0, 1].</summary>
    static MultiViewDataset WholeImages(LabeledImages images)
    {
        var values = new float[images.Pixels.Length];
        for (int i = 0; i < values.Length; i++) values[i] = images.Pixels[i] / 255f;
        return new MultiViewDataset([new ViewData("Image", values, images.PixelsPerImage)], images.Labels.Select(l => (int)l).ToArray(), $"{images.Source}, whole images");
    }
}
