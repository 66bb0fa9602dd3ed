using System.Diagnostics;
using Sdl.Examples.MnistSoftCca.Models;
using Sdl.Runtime.Data;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Models;
using Sdl.Runtime.Reports;
using Sdl.Runtime.Training;
using Spectre.Console;
using static TorchSharp.torch;

namespace Sdl.Examples.MnistSoftCca;

/// <summary>Loads the data, runs each method under the same budget, and writes the report.</summary>
public static class MainJob
{
    public static int Run(JobOptions options)
    {
        try
        {
            return RunUnchecked(options);
        }
        catch (Exception e) when (e is DataFileException or DataShapeException or CheckpointException or NonFiniteLossException or InvalidOperationException or ArgumentException)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    static int RunUnchecked(JobOptions options)
    {
        ReportConsole.UseWideLayoutWhenRedirected();
        var clock = Stopwatch.StartNew();
        if (options.Objective != Objective.LinearCca) ModelCatalog.EnsureDeclared(options.EmbeddingSize);
        var device = DeviceSelector.Resolve(options.Device);
        var (split, dataset) = LoadSplit(options);
        int k = options.EmbeddingSize;
        AnsiConsole.MarkupLine($"[bold]Data[/]: {Markup.Escape(dataset)}");
        AnsiConsole.MarkupLine($"  {split.Train.Count:N0} train / {split.Validation.Count:N0} validation / {split.Test.Count:N0} test, views {string.Join(" + ", split.Train.Views.Select(v => $"{v.Name} {v.Width}"))}; device {DeviceSelector.Describe(device)}");

        var methods = new List<MethodResult>();
        if (options.Objective is Objective.All or Objective.LinearCca) methods.Add(LinearBaseline(split, k));
        if (options.Objective is Objective.All or Objective.SoftCca)
            methods.Add(TrainDeep("Soft CCA (SDL)", "soft-cca", () => ModelCatalog.SoftCca(k), split, options, device));
        if (options.Objective is Objective.All or Objective.SoftCcaL1)
            methods.Add(TrainDeep("Soft CCA (L1 SDL)", "soft-cca-l1", () => ModelCatalog.SoftCcaL1(k), split, options, device));
        if (options.Objective is Objective.All or Objective.DccaEy)
            methods.Add(TrainDeep("DCCA-EY", "dcca-ey", () => ModelCatalog.DccaEy(k), split, options, device));
        if (options.Objective is Objective.All or Objective.Dcca)
            methods.Add(TrainDeep("DCCA", "dcca", () => ModelCatalog.Dcca(k), split, options, device));

        var report = new EvaluationReport
        {
            Title = $"Total canonical correlation on test (top {k})",
            Dataset = dataset,
            TrainSamples = split.Train.Count,
            ValidationSamples = split.Validation.Count,
            TestSamples = split.Test.Count,
            Methods = methods,
            Device = DeviceSelector.Describe(device),
            TotalSeconds = clock.Elapsed.TotalSeconds,
            Settings = new Dictionary<string, string>
            {
                ["objective"] = options.Objective.ToString(), ["data"] = options.DataDirectory ?? "embedded MNIST subset",
                ["epochs"] = options.Epochs.ToString(), ["embedding"] = k.ToString(), ["batchSize"] = options.BatchSize.ToString(),
                ["learningRate"] = options.LearningRate.ToString("G"), ["seed"] = options.Seed.ToString(), ["patience"] = options.Patience?.ToString() ?? "none",
            },
        };
        WriteOutputs(report, options.OutputDirectory);
        return 0;
    }

    static (DatasetSplit Split, string Dataset) LoadSplit(JobOptions options)
    {
        var source = options.DataDirectory is null ? ImageDataSource.LoadEmbedded() : ImageDataSource.Load(options.DataDirectory);
        var pool = ImageViews.LeftRightHalves(source.Train);
        // The embedded subset has no test file: hold out 20% for test and 10% for validation.
        // A folder with the official t10k pair keeps it as the test set.
        var split = source.Test is null
            ? DatasetSplit.Random(pool, validationFraction: 0.1, testFraction: 0.2, options.Seed)
            : DatasetSplit.WithTestSet(pool, ImageViews.LeftRightHalves(source.Test), validationFraction: 1.0 / 12, options.Seed);
        return (split, $"{source.Name}, left/right halves");
    }

    static MethodResult LinearBaseline(DatasetSplit split, int k)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var (train1, train2) = (split.Train.ToTensor(0), split.Train.ToTensor(1));
        var ridge = CorrelationEvaluation.ChooseRidge(train1, train2, split.Validation.ToTensor(0), split.Validation.ToTensor(1), k, CorrelationEvaluation.RawInputRidges);
        var (test1, test2) = (split.Test.ToTensor(0), split.Test.ToTensor(1));
        var (correlations, total, topK) = CorrelationEvaluation.Evaluate(train1, train2, test1, test2, k, ridge: ridge);
        AnsiConsole.MarkupLine($"[bold]Linear CCA[/] on the raw views: ridge {ridge:G} (best on validation), test total correlation {total:F2}");
        return new MethodResult
        {
            Method = "Linear CCA (raw views)",
            Description = $"Regularised linear CCA on the raw pixels, ridge {ridge:G} chosen on validation from {string.Join(", ", CorrelationEvaluation.RawInputRidges)}.",
            TopK = topK,
            TestTotalCorrelation = total,
            TestCorrelations = correlations,
            Metrics = EmbeddingMetrics.Evaluate(train1, train2, test1, test2, split.Train.Labels!, split.Test.Labels!, k),
            TrainSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    static MethodResult TrainDeep(string name, string slug, Func<MultiViewModule> createModel, DatasetSplit split, JobOptions options, Device device)
    {
        random.manual_seed(options.Seed);
        using var model = createModel();
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
            Device = options.Device,
            Patience = options.Patience,
            ValidationTopK = options.EmbeddingSize,
            CheckpointDirectory = Path.Combine(options.OutputDirectory, slug),
            Resume = options.Resume,
            RunName = name,
        });
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(name)}[/]: {Markup.Escape(model.Summary())}");
        var result = trainer.Fit(model, split.Train, split.Validation);

        using var scope = NewDisposeScope();
        var train = ModelEmbeddings.Compute(model, split.Train, options.BatchSize, device);
        var test = ModelEmbeddings.Compute(model, split.Test, options.BatchSize, device);
        var (correlations, total, topK) = CorrelationEvaluation.Evaluate(train[0], train[1], test[0], test[1], options.EmbeddingSize);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(name)}[/]: test total correlation {total:F2} (weights of epoch {result.BestEpoch + 1})");
        return new MethodResult
        {
            Method = name,
            Description = model.Summary(),
            TopK = topK,
            TestTotalCorrelation = total,
            TestCorrelations = correlations,
            Metrics = EmbeddingMetrics.Evaluate(train[0], train[1], test[0], test[1], split.Train.Labels!, split.Test.Labels!, options.EmbeddingSize),
            TrainSeconds = result.History.Sum(h => h.Seconds),
            EpochsRun = result.History.Count,
            Parameters = model.parameters().Sum(p => p.numel()),
            History = result.History,
        };
    }

    static void WriteOutputs(EvaluationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "report.json");
        var markdown = Path.Combine(directory, "report.md");
        var spectrum = Path.Combine(directory, "correlation-spectrum.png");
        var curves = Path.Combine(directory, "learning-curves.png");
        ReportFiles.WriteJson(report, json);
        ReportFiles.WriteMarkdown(report, markdown);
        ReportPlots.CorrelationSpectrum(report, spectrum);
        bool hasCurves = report.Methods.Any(m => m.History is { Count: > 0 });
        if (hasCurves) ReportPlots.LearningCurves(report, curves);

        AnsiConsole.WriteLine();
        ReportConsole.Print(report);
        AnsiConsole.MarkupLine($"Finished in {report.TotalSeconds:F0} s. Outputs in [bold]{Markup.Escape(Path.GetFullPath(directory))}[/]:");
        foreach (var file in new[] { json, markdown, spectrum }.Concat(hasCurves ? [curves] : []))
            AnsiConsole.MarkupLine($"  {Markup.Escape(Path.GetFileName(file))}");
        AnsiConsole.MarkupLine("  <method>/last.ckpt, best.ckpt, metrics.jsonl (checkpoints and per-epoch metrics of each trained method)");
    }
}
