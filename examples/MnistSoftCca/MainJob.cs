using System.Diagnostics;
using Sdl.Examples.MnistSoftCca.Models;
using Sdl.Runtime.CommandLine;
using Sdl.Runtime.Data;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Models;
using Sdl.Reports;
using Sdl.Runtime.Reports;
using Sdl.Runtime.Training;
using Spectre.Console;
using static TorchSharp.torch;

namespace Sdl.Examples.MnistSoftCca;

/// <summary>Loads the data, runs each method under the same budget, and writes the report.</summary>
/// <remarks>
/// Everything that can be checked is checked before any work (options, the output folder, the
/// data against the models); expected failures end as one line and an exit code
/// (<see cref="ExitCodes"/>) through <see cref="ErrorExit"/>.
/// </remarks>
public static class MainJob
{
    /// <summary>The job's own result files in the output folder.</summary>
    static readonly string[] ReportFileNames = ["report.json", "report.md", "correlation-spectrum.png", "learning-curves.png"];

    public static int Run(JobOptions options) => ErrorExit.Run(() => RunUnchecked(options), options.Verbose);

    static int RunUnchecked(JobOptions options)
    {
        ReportConsole.UseWideLayoutWhenRedirected();
        // Live bars on a terminal, plain lines in logs (ProgressMode.Auto, the trainers' default).
        LiveProgress.Enable();
        var clock = Stopwatch.StartNew();
        options.Validate();
        PrepareOutput(options);
        var device = DeviceSelector.Resolve(options.Device);
        var (split, dataset) = LoadSplit(options);
        EnsureDataFitsModels(options, split);
        int k = options.EmbeddingSize;
        AnsiConsole.MarkupLine($"[bold]Data[/]: {Markup.Escape(dataset)}");
        AnsiConsole.MarkupLine($"  {split.Train.Count:N0} train / {split.Validation.Count:N0} validation / {split.Test.Count:N0} test, views {string.Join(" + ", split.Train.Views.Select(v => $"{v.Name} {v.Width}"))}; device {DeviceSelector.Describe(device)}");

        var methods = new List<MethodResult>();
        if (options.Objective is Objective.All or Objective.LinearCca) methods.Add(LinearBaseline(split, k));
        foreach (var method in DeepMethods(options))
            methods.Add(TrainDeep(method, split, options, device));

        // The label says how many components were summed: fewer than k exist when a view is narrower.
        int summed = methods.Min(m => m.TopK);
        var report = new EvaluationReport
        {
            Title = $"Total canonical correlation on test (top {summed})",
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
                ["alpha"] = options.Alpha?.ToString("G") ?? "declared", ["lambda"] = options.Lambda?.ToString("G") ?? "declared",
                ["learningRate"] = options.LearningRate?.ToString("G") ?? string.Join(", ", DeepMethods(options).Select(m => $"{m.Name} {m.LearningRate:G}")), ["seed"] = options.Seed.ToString(), ["patience"] = options.Patience?.ToString() ?? "none",
            },
        };
        WriteOutputs(report, options.OutputDirectory);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The output folder: writable, and an earlier run in it is continued (--resume) or replaced
    /// (--restart) only when asked; otherwise refused, so a rerun never destroys earlier results.
    /// </summary>
    static void PrepareOutput(JobOptions options)
    {
        var output = options.OutputDirectory;
        if (options.Resume && !Directory.Exists(output))
            throw new TrainingSetupException($"--resume: nothing to resume: the output folder {output} does not exist; leave --resume out to start a run there.");
        RunDirectory.EnsureWritable(output, "--output");
        RunDirectory.RemoveLeftovers(output);
        // Each trained method keeps its run in a folder of its own (soft-cca/, dcca/, ...): any of them counts.
        var methodFolders = Directory.GetDirectories(output).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var earlier = ReportFileNames.Where(name => File.Exists(Path.Combine(output, name)))
            .Concat(methodFolders.SelectMany(folder => RunDirectory.ExistingRunFiles(Path.Combine(output, folder)).Select(name => $"{folder}/{name}")))
            .ToList();
        if (options.Resume)
        {
            if (!methodFolders.Any(folder => File.Exists(Path.Combine(output, folder, Trainer.LastCheckpointName))))
                throw new TrainingSetupException($"--resume: nothing to resume in {output}: no method folder in it has a {Trainer.LastCheckpointName}" +
                                                 (earlier.Count > 0 ? $"; it holds {string.Join(", ", earlier)}: use --restart to replace them." : "; leave --resume out to start a run there."));
            return;
        }
        if (earlier.Count == 0) return;
        if (!options.Restart)
            throw new TrainingSetupException($"{output} already holds an earlier run ({string.Join(", ", earlier)}): " +
                                             "pass --resume to continue it, --restart to replace it, or --output <another folder>.");
        foreach (var name in ReportFileNames) File.Delete(Path.Combine(output, name));
        foreach (var folder in methodFolders) RunDirectory.RemoveRun(Path.Combine(output, folder));
        AnsiConsole.MarkupLine($"--restart: removed the earlier run in {Markup.Escape(output)} ({Markup.Escape(string.Join(", ", earlier))})");
    }

    /// <summary>Refuses data that does not fit the declared models before the baseline or any training runs.</summary>
    /// <summary>
    /// A deep method of the comparison: its table name, its output folder, its model, and the Adam
    /// learning rate that won on the validation split in docs/results.md (used unless --lr is given).
    /// </summary>
    sealed record DeepMethod(Objective Objective, string Name, string Slug, Func<MultiViewModule> Create, double LearningRate);

    /// <summary>The deep methods <paramref name="options"/> asks for, in table order: the one list the checks and the training share.</summary>
    static IEnumerable<DeepMethod> DeepMethods(JobOptions options)
    {
        int k = options.EmbeddingSize;
        DeepMethod[] all =
        [
            new(Objective.SoftCca, "Soft CCA (SDL)", "soft-cca", () => ModelCatalog.SoftCca(k, options.Alpha, options.Lambda), 3e-3),
            new(Objective.SoftCcaL1, "Soft CCA (L1 SDL)", "soft-cca-l1", () => ModelCatalog.SoftCcaL1(k, options.Alpha, options.Lambda), 1e-3),
            new(Objective.DccaEy, "DCCA-EY", "dcca-ey", () => ModelCatalog.DccaEy(k), 3e-3),
            new(Objective.Dcca, "DCCA", "dcca", () => ModelCatalog.Dcca(k), 3e-3),
        ];
        return all.Where(m => options.Objective == Objective.All || options.Objective == m.Objective);
    }

    static void EnsureDataFitsModels(JobOptions options, DatasetSplit split)
    {
        foreach (var method in DeepMethods(options))
        {
            using var model = method.Create();
            ModelDataCheck.Validate(model.Info, split.Train, "training", options.BatchSize);
        }
    }

    /// <summary>A test metric that cannot be computed is a failure of the run, not a number in the table.</summary>
    static void EnsureFinite(string method, double total, int topK)
    {
        if (!double.IsFinite(total)) throw new NonFiniteMetricException($"test total correlation (top {topK}) of {method}", total, epoch: null, lastGoodCheckpoint: null);
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
        EnsureFinite("linear CCA", total, topK);
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

    static MethodResult TrainDeep(DeepMethod method, DatasetSplit split, JobOptions options, Device device)
    {
        string name = method.Name;
        random.manual_seed(options.Seed);
        using var model = method.Create();
        var checkpoints = Path.Combine(options.OutputDirectory, method.Slug);
        // --resume continues each method that has a checkpoint; one that stopped before its first epoch ended starts afresh.
        bool resume = options.Resume && File.Exists(Path.Combine(checkpoints, Trainer.LastCheckpointName));
        if (options.Resume && !resume) AnsiConsole.MarkupLine($"[bold]{Markup.Escape(name)}[/]: nothing to resume in {Markup.Escape(checkpoints)}; training from epoch 1");
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            LearningRate = options.LearningRate ?? method.LearningRate,
            Seed = options.Seed,
            Device = options.Device,
            Patience = options.Patience,
            ValidationTopK = options.EmbeddingSize,
            CheckpointDirectory = checkpoints,
            Resume = resume,
            StartOver = options.Resume && !resume,
            RunName = name,
        });
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(name)}[/]: {Markup.Escape(model.Summary())}");
        var result = trainer.Fit(model, split.Train, split.Validation);

        using var scope = NewDisposeScope();
        var train = ModelEmbeddings.Compute(model, split.Train, options.BatchSize, device);
        var test = ModelEmbeddings.Compute(model, split.Test, options.BatchSize, device);
        var (correlations, total, topK) = CorrelationEvaluation.Evaluate(train[0], train[1], test[0], test[1], options.EmbeddingSize);
        EnsureFinite(name, total, topK);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(name)}[/]: test total correlation {total:F2} (weights of epoch {result.WeightsEpoch + 1}" +
                               (result.ResumedAfterEpochs > 0
                                   ? $"; {(result.ResumedAfterEpochs == 1 ? "epoch 1" : $"epochs 1–{result.ResumedAfterEpochs}")} restored from {Markup.Escape(result.LastCheckpoint ?? "")}, {result.EpochsRun} trained now)"
                                   : ")"));
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

    /// <summary>
    /// Prints the table first (so a failing disk cannot lose the results), then writes each file;
    /// a file that cannot be written does not stop the others, and the first failure is reported.
    /// </summary>
    static void WriteOutputs(EvaluationReport report, string directory)
    {
        AnsiConsole.WriteLine();
        ReportConsole.Print(report);

        bool hasCurves = report.Methods.Any(m => m.History is { Count: > 0 });
        var writes = new List<(string Path, Action<string> Write)>
        {
            (Path.Combine(directory, "report.json"), path => ReportFiles.WriteJson(report, path)),
            (Path.Combine(directory, "report.md"), path => ReportFiles.WriteMarkdown(report, path)),
            (Path.Combine(directory, "correlation-spectrum.png"), path => ReportPlots.CorrelationSpectrum(report, path)),
        };
        if (hasCurves) writes.Add((Path.Combine(directory, "learning-curves.png"), path => ReportPlots.LearningCurves(report, path)));

        var written = new List<string>();
        var failures = new List<(string Path, Exception Error)>();
        foreach (var (path, write) in writes)
        {
            try
            {
                write(path);
                written.Add(path);
            }
            catch (Exception e) when (OutputWriteException.IsWriteFailure(e) || e is OutputWriteException)
            {
                failures.Add((path, e is OutputWriteException { InnerException: { } inner } ? inner : e));
            }
        }

        AnsiConsole.MarkupLine($"Finished in {report.TotalSeconds:F0} s. Outputs in [bold]{Markup.Escape(Path.GetFullPath(directory))}[/]:");
        foreach (var file in written) AnsiConsole.MarkupLine($"  {Markup.Escape(Path.GetFileName(file))}");
        if (hasCurves) AnsiConsole.MarkupLine("  <method>/last.ckpt, best.ckpt, metrics.jsonl (checkpoints and per-epoch metrics of each trained method)");
        if (failures.Count > 0)
        {
            var (path, error) = failures[0];
            throw new OutputWriteException(path, error,
                $"The table above is complete; {written.Count} of {writes.Count} result files were written" +
                (failures.Count > 1 ? $", and {failures.Count - 1} other(s) failed too ({string.Join(", ", failures.Skip(1).Select(f => Path.GetFileName(f.Path)))})." : "."));
        }
    }
}
