using System.Diagnostics;
using System.Globalization;
using Sdl.Examples.MnistSoftCca.Models;
using Sdl.Examples.CommandLine;
using Sdl.Runtime.Data;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Models;
using Sdl.Reports;
using Sdl.Runtime.Metrics;
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
    static readonly string[] ReportFileNames = [RunSettings.FileName, "report.json", "report.md", "correlation-spectrum.png", "learning-curves.png"];

    public static int Run(JobOptions options) => ErrorExit.Run(() => RunUnchecked(options), options.Verbose);

    static int RunUnchecked(JobOptions options)
    {
        // Every number read or written (options, logs, JSON, Markdown) the same in every locale.
        ProgramCulture.UseInvariant();
        ReportConsole.UseWideLayoutWhenRedirected();
        // Live bars on a terminal, plain lines in logs (ProgressMode.Auto, the trainers' default).
        LiveProgress.Enable();
        var clock = Stopwatch.StartNew();
        options.Validate();
        using var folderLock = PrepareOutput(options);
        using var interruption = InterruptionNotice.Register(options.OutputDirectory, DeepMethods(options).Select(m => m.Slug).ToList());
        var device = DeviceSelector.Resolve(options.Device);
        var (split, dataset) = LoadSplit(options);
        EnsureDataFitsModels(options, split);
        // A new run records its settings; a resumed one from before the settings file existed gets it now.
        if (!options.Resume || !File.Exists(Path.Combine(options.OutputDirectory, RunSettings.FileName))) RunSettings.Write(options);
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
            Settings = RunSettings.Of(options).Concat(new Dictionary<string, string>
            {
                ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
                ["patience"] = options.Patience?.ToString(CultureInfo.InvariantCulture) ?? "none",
                ["learningRates"] = string.Join(", ", DeepMethods(options).Select(m => $"{m.Name} {(options.LearningRate ?? m.LearningRate).ToString("G", CultureInfo.InvariantCulture)}")),
            }).ToDictionary(),
        };
        WriteOutputs(report, options.OutputDirectory);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The output folder: writable, held by this run alone (<see cref="RunLock"/>: a second run into it
    /// is refused), and an earlier run in it is continued (--resume, with the same settings) or
    /// replaced (--restart) only when asked; otherwise refused, so a rerun never destroys earlier results.
    /// </summary>
    static RunLock PrepareOutput(JobOptions options)
    {
        var output = options.OutputDirectory;
        if (options.Resume && !Directory.Exists(output))
            throw new TrainingSetupException($"--resume: nothing to resume: the output folder {output} does not exist; leave --resume out to start a run there.");
        RunDirectory.EnsureWritable(output, "--output");
        var folderLock = RunLock.Acquire(output, "--output");
        try
        {
            if (folderLock.TookOverFrom is string previous)
                // Plain Console: a long line must not be wrapped (tests and scripts look for it whole).
                Console.WriteLine($"note: the previous run in {output} ({previous}) ended without releasing the folder (killed or interrupted); this run takes it over.");
            CheckEarlierRun(options);
            return folderLock;
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    static void CheckEarlierRun(JobOptions options)
    {
        var output = options.OutputDirectory;
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
            // A resume continues the run that is there: changed settings would mix two runs, or replace its report with another's.
            RunSettings.EnsureSameAsEarlier(options);
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

    /// <summary>
    /// A deep method of the comparison: its table name, its output folder, its model, and the Adam
    /// learning rate that won on the validation split in docs/results.md (used unless --lr is given).
    /// Every method warms its rate up over <see cref="DefaultWarmupEpochs"/> and then holds it (unless --warmup or --schedule is given).
    /// </summary>
    sealed record DeepMethod(Objective Objective, string Name, string Slug, Func<MultiViewModule> Create, double LearningRate);

    /// <summary>
    /// The warm-up every method won with on validation (docs/results.md, section 9): without it Adam's first full-size steps
    /// make the embedding units redundant (the SDL terms triple in the first steps) and Soft CCA spends epochs undoing it.
    /// Shorter than --epochs allows is used when the run is shorter.
    /// </summary>
    public const double DefaultWarmupEpochs = 2;

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

    /// <summary>
    /// Refuses data that does not fit the declared models, or is too small for any method asked for,
    /// before the baseline or any training runs: every problem of every method in one message.
    /// </summary>
    static void EnsureDataFitsModels(JobOptions options, DatasetSplit split)
    {
        var problems = new List<string>();
        foreach (var method in DeepMethods(options))
        {
            using var model = method.Create();
            problems.AddRange(ModelDataCheck.Problems(model.Info, split.Train, "training", options.BatchSize).Select(p => $"{method.Name}: {p}"));
            problems.AddRange(ModelDataCheck.Problems(model.Info, split.Validation, "validation", Math.Min(options.BatchSize, split.Validation.Count))
                .Select(p => $"{method.Name} (validation): {p}"));
        }
        if (problems.Count > 0)
            throw new DataShapeException($"The data ({split.Train.Description}) does not fit the models:" + string.Concat(problems.Distinct().Select(p => $"\n  - {p}")));
        problems.AddRange(SizeProblems(options, split));
        if (problems.Count > 0)
            throw new DataShapeException($"The data is too small for this run ({split.Train.Count:N0} train / {split.Validation.Count:N0} validation / {split.Test.Count:N0} test samples):" +
                                         string.Concat(problems.Select(p => $"\n  - {p}")));
    }

    /// <summary>What each method asked for needs of the three sets: full batches, and more samples than the correlations it sums.</summary>
    static IEnumerable<string> SizeProblems(JobOptions options, DatasetSplit split)
    {
        int width = split.Train.Views.Min(v => v.Width);
        bool deep = DeepMethods(options).Any();
        // k correlations estimated from k or fewer samples are not an estimate (n samples span n − 1 centred dimensions).
        int components = deep ? options.EmbeddingSize : Math.Min(options.EmbeddingSize, width);
        string what = deep ? $"--embedding {components}" : $"the {components} canonical components";
        if (deep && split.Train.Count < options.BatchSize)
            yield return $"--batch-size {options.BatchSize} is larger than the {split.Train.Count:N0} training samples, so no full batch can be formed.";
        if (split.Train.Count <= components)
            yield return $"the training set needs more than {components} samples for {what}; it has {split.Train.Count:N0}.";
        if (split.Validation.Count <= components)
            yield return $"the validation set needs more than {components} samples for {what} (the validation score sums {components} correlations); it has {split.Validation.Count:N0}.";
        if (split.Test.Count <= components)
            yield return $"the test set needs more than {components} samples for {what}; it has {split.Test.Count:N0}.";
    }

    /// <summary>A test metric that cannot be computed is a failure of the run, not a number in the table.</summary>
    static void EnsureFinite(string method, double total, int topK)
    {
        if (!double.IsFinite(total)) throw new NonFiniteMetricException($"test total correlation (top {topK}) of {method}", total, epoch: null, lastGoodCheckpoint: null);
    }

    /// <summary>Fewer images than this cannot be split into three usable sets at all; the sizes each method needs are checked after the split.</summary>
    const int MinimumImages = 10;

    static (DatasetSplit Split, string Dataset) LoadSplit(JobOptions options)
    {
        var source = options.DataDirectory is null ? ImageDataSource.LoadEmbedded() : ImageDataSource.Load(options.DataDirectory);
        var pool = ImageViews.LeftRightHalves(source.Train);
        if (pool.Count < MinimumImages)
            throw new DataShapeException($"{(options.DataDirectory is null ? "The embedded data" : $"--data {options.DataDirectory}")}: its training file holds {pool.Count:N0} images; " +
                                         $"the job needs at least {MinimumImages} to form training, validation and test sets.");
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
        AnsiConsole.MarkupLine($"[bold]Linear CCA[/] on the raw views: ridge {ridge.ToString("G", CultureInfo.InvariantCulture)} (best on validation), test total correlation {total:F2}");
        return new MethodResult
        {
            Method = "Linear CCA (raw views)",
            Description = string.Create(CultureInfo.InvariantCulture, $"Regularised linear CCA on the raw pixels, ridge {ridge:G} chosen on validation from {string.Join(", ", CorrelationEvaluation.RawInputRidges.Select(r => r.ToString(CultureInfo.InvariantCulture)))}."),
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
            Schedule = options.Schedule ?? LearningRateSchedule.Constant,
            WarmupEpochs = options.WarmupEpochs ?? Math.Min(DefaultWarmupEpochs, options.Epochs / 2.0),
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
        var result = FitWithAdvice(trainer, model, split, checkpoints);

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
    /// Runs <paramref name="trainer"/>, and turns the library's advice in its failures into the job's
    /// own: a full disk says to rerun with <c>--resume</c> (not the library's <c>TrainerOptions.Resume</c>),
    /// and a damaged <c>last.ckpt</c> next to a readable <c>best.ckpt</c> offers resuming from that,
    /// rather than "delete it" (after which <c>--resume</c> would refuse and <c>--restart</c> delete best.ckpt too).
    /// </summary>
    static TrainingResult FitWithAdvice(Trainer trainer, MultiViewModule model, DatasetSplit split, string checkpoints)
    {
        try
        {
            return trainer.Fit(model, split.Train, split.Validation);
        }
        catch (OutputWriteException e) when (e.InnerException is { } inner && Path.GetDirectoryName(Path.GetFullPath(e.FilePath)) == Path.GetFullPath(checkpoints))
        {
            var last = Path.Combine(checkpoints, Trainer.LastCheckpointName);
            throw new OutputWriteException(e.FilePath, inner, File.Exists(last)
                ? $"Training stopped; {last} holds the last complete epoch: once there is room, run the same command with --resume to continue from it."
                : "Training stopped before any checkpoint was written: once there is room, run the same command again (with --restart, since the folder now holds the start of this run).");
        }
        catch (CheckpointException e) when (Path.GetFileName(e.FilePath) == Trainer.LastCheckpointName && BestCheckpointEpoch(checkpoints) is int bestEpoch)
        {
            var best = Path.Combine(checkpoints, Trainer.BestCheckpointName);
            throw new CheckpointException(e.FilePath, $"{e.Problem.Replace(" Delete it or restore it from a copy.", "", StringComparison.Ordinal)} " +
                $"{best} is intact (epoch {bestEpoch + 1}, the best on validation): to continue from it, copy it over the damaged file " +
                $"(cp {best} {e.FilePath}) and run the same command with --resume again. Do not use --restart: it deletes {Trainer.BestCheckpointName} too.", e);
        }
    }

    /// <summary>The epoch a readable <c>best.ckpt</c> in <paramref name="checkpoints"/> holds; null when there is none or it is damaged too.</summary>
    static int? BestCheckpointEpoch(string checkpoints)
    {
        var best = Path.Combine(checkpoints, Trainer.BestCheckpointName);
        if (!File.Exists(best)) return null;
        try
        {
            return TrainingCheckpoint.ReadStoredState(best).CompletedEpochs - 1; // last.ckpt beside it is the damaged one
        }
        catch (Exception e) when (e is CheckpointException or IOException or InvalidDataException)
        {
            return null;
        }
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
