using System.Diagnostics;
using Sdl.Runtime.Data;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>
/// Trains any <see cref="MultiViewModule"/>: mini-batches in a seeded order, one dispose scope per
/// step, a guard against non-finite losses, per-epoch validation and early stopping, atomic
/// checkpoints (<c>last.ckpt</c> every epoch, <c>best.ckpt</c> on improvement), resumption, and
/// a JSON-lines metrics log.
/// </summary>
public sealed class Trainer
{
    public const string LastCheckpointName = "last.ckpt";
    public const string BestCheckpointName = "best.ckpt";
    public const string MetricsLogName = "metrics.jsonl";

    readonly TrainerOptions options;
    readonly TrainingProgress progress;

    public Trainer(TrainerOptions options, TrainingProgress? progress = null)
    {
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Train for at least one epoch.");
        if (options.LearningRate <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "The learning rate must be positive.");
        if (options.Resume && options.CheckpointDirectory is null) throw new ArgumentException("Resuming needs a CheckpointDirectory.", nameof(options));
        this.options = options;
        this.progress = progress ?? TrainingProgress.Create(options.Progress);
    }

    public TrainerOptions Options => options;

    /// <summary>Path of the checkpoint written after every epoch (null without a checkpoint folder).</summary>
    public string? LastCheckpointPath => options.CheckpointDirectory is null ? null : Path.Combine(options.CheckpointDirectory, LastCheckpointName);
    public string? BestCheckpointPath => options.CheckpointDirectory is null ? null : Path.Combine(options.CheckpointDirectory, BestCheckpointName);
    public string? MetricsLogPath => options.CheckpointDirectory is null ? null : Path.Combine(options.CheckpointDirectory, MetricsLogName);

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>, validating on <paramref name="validation"/>
    /// after every epoch when given. Model and data are checked against each other first.
    /// </summary>
    public TrainingResult Fit(MultiViewModule model, MultiViewDataset train, MultiViewDataset? validation = null)
    {
        ModelDataCheck.Validate(model.Info, train, "training", options.BatchSize);
        if (validation is not null) ModelDataCheck.Validate(model.Info, validation, "validation", Math.Min(options.BatchSize, validation.Count));

        var device = DeviceSelector.Resolve(options.Device);
        model.to(device);
        using var optimizer = OptimizerFactory.Create(options, model.parameters());
        var loader = new MiniBatchLoader(train, options.BatchSize, shuffle: true, options.Seed, dropLast: true, ModelEmbeddings.ViewShapes(model.Info));
        var validator = validation is null ? null : new Validator(model, train, validation, options, device);
        var log = MetricsLogPath is null ? null : new MetricsLog(MetricsLogPath);

        var state = new TrainingState { ModelName = model.Info.Name, TrainingSamples = train.Count, BatchSize = options.BatchSize, Seed = options.Seed };
        bool resumed = false;
        if (options.Resume && File.Exists(LastCheckpointPath))
        {
            state = Resume(model, optimizer, state, device);
            resumed = true;
        }
        if (options.CheckpointDirectory is not null) Directory.CreateDirectory(options.CheckpointDirectory);
        log?.TruncateFrom(state.CompletedEpochs);

        var history = state.History.ToList();
        bool stoppedEarly = false;
        var clock = Stopwatch.StartNew();
        long runSteps = (long)(options.Epochs - state.CompletedEpochs) * loader.BatchesPerEpoch, runStep = 0;

        progress.Run(options.RunName, runSteps, () =>
        {
            if (resumed) progress.Message($"resumed from {LastCheckpointPath} after epoch {state.CompletedEpochs} (global step {state.GlobalStep})");
            progress.Message($"{train.Count:N0} training samples, {loader.BatchesPerEpoch} steps of {options.BatchSize} per epoch, on {DeviceSelector.Describe(device)}");
            for (int epoch = state.CompletedEpochs; epoch < options.Epochs; epoch++)
            {
                double learningRate = OptimizerFactory.LearningRate(options, epoch);
                OptimizerFactory.SetLearningRate(optimizer, learningRate);
                // Dropout and other random layers draw from libtorch's generator: seed it per epoch
                // so that a resumed run repeats the uninterrupted one exactly.
                random.manual_seed(MiniBatchLoader.EpochSeed(options.Seed, epoch));
                model.train();
                progress.EpochStarted(epoch, options.Epochs, loader.BatchesPerEpoch);

                var sums = new Dictionary<string, double>(StringComparer.Ordinal);
                var epochClock = Stopwatch.StartNew();
                var order = loader.Order(epoch);
                for (int step = 0; step < loader.BatchesPerEpoch; step++)
                {
                    var values = TrainStep(model, optimizer, loader, order[(step * options.BatchSize)..((step + 1) * options.BatchSize)], device, epoch, step, state.GlobalStep);
                    state = state with { GlobalStep = state.GlobalStep + 1 };
                    foreach (var (name, value) in values) sums[name] = sums.GetValueOrDefault(name) + value;
                    runStep++;
                    progress.StepCompleted(new StepProgress(epoch, options.Epochs, step, loader.BatchesPerEpoch, runStep, runSteps, values,
                        (step + 1) * options.BatchSize / epochClock.Elapsed.TotalSeconds, clock.Elapsed));
                }
                double trainSeconds = epochClock.Elapsed.TotalSeconds;

                var (validationLoss, score) = validator is null ? (new Dictionary<string, double>(), (double?)null) : Validate(validator);
                bool improved = score is double s && (state.BestScore is not double best || s > best + options.MinImprovement);
                var metrics = new EpochMetrics
                {
                    Epoch = epoch,
                    GlobalStep = state.GlobalStep,
                    LearningRate = learningRate,
                    TrainLoss = sums.ToDictionary(kv => kv.Key, kv => kv.Value / loader.BatchesPerEpoch),
                    ValidationLoss = validationLoss,
                    ValidationScore = score,
                    ValidationScoreName = validator?.ScoreName ?? "",
                    Seconds = epochClock.Elapsed.TotalSeconds,
                    SamplesPerSecond = loader.BatchesPerEpoch * options.BatchSize / trainSeconds,
                    Improved = improved,
                };
                history.Add(metrics);
                state = state with
                {
                    CompletedEpochs = epoch + 1,
                    History = history.ToList(),
                    BestScore = improved ? score : state.BestScore,
                    BestEpoch = improved ? epoch : state.BestEpoch,
                    EpochsWithoutImprovement = improved || score is null ? 0 : state.EpochsWithoutImprovement + 1,
                };

                if (options.CheckpointDirectory is not null)
                {
                    TrainingCheckpoint.Save(LastCheckpointPath!, model, optimizer, state);
                    if (improved) TrainingCheckpoint.Save(BestCheckpointPath!, model, optimizer, state);
                }
                log?.Append(options.RunName, metrics);
                progress.EpochCompleted(metrics, options.Epochs);

                if (options.Patience is int patience && state.EpochsWithoutImprovement >= patience && epoch + 1 < options.Epochs)
                {
                    stoppedEarly = true;
                    progress.Message($"stopping early: no better {validator!.ScoreName} for {patience} epochs (best {state.BestScore:F3} at epoch {state.BestEpoch + 1})");
                    break;
                }
            }
        });

        RestoreBest(model, state);
        return new TrainingResult(history, state.BestEpoch, state.BestScore, stoppedEarly, resumed, clock.Elapsed,
            options.CheckpointDirectory is null ? null : LastCheckpointPath,
            options.CheckpointDirectory is null || state.BestEpoch < 0 ? null : BestCheckpointPath,
            log?.Path);
    }

    /// <summary>One optimiser step inside its own dispose scope; returns the loss terms as numbers.</summary>
    IReadOnlyDictionary<string, double> TrainStep(MultiViewModule model, OptimizerHelper optimizer, MiniBatchLoader loader, int[] indices, Device device, int epoch, int step, long globalStep)
    {
        using var scope = NewDisposeScope();
        var batch = loader.Create(indices, device);
        optimizer.zero_grad();
        var output = model.call(batch.Views);
        var loss = model.ComputeLoss(output, batch.Views, batch.Labels);
        var values = loss.ToValues();
        // Check before backward: a non-finite loss must not reach the weights or the optimiser moments.
        foreach (var (name, value) in values.OrderBy(kv => kv.Key == "total" ? 1 : 0))
            if (!double.IsFinite(value))
                throw new NonFiniteLossException(name, value, epoch, step, globalStep, ExistingCheckpoint());
        loss.Total.backward();
        if (options.GradientClipNorm is double maxNorm)
        {
            double norm = nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
            if (!double.IsFinite(norm)) throw new NonFiniteLossException("gradient norm", norm, epoch, step, globalStep, ExistingCheckpoint());
        }
        optimizer.step();
        return values;
    }

    (IReadOnlyDictionary<string, double>, double?) Validate(Validator validator)
    {
        var (loss, score) = validator.Evaluate();
        return (loss, score);
    }

    TrainingState Resume(MultiViewModule model, OptimizerHelper optimizer, TrainingState expected, Device device)
    {
        var path = LastCheckpointPath!;
        var saved = TrainingCheckpoint.ReadState(path);
        if (saved.ModelName != expected.ModelName)
            throw new CheckpointException(path, $"it belongs to model '{saved.ModelName}', not '{expected.ModelName}'.");
        if (saved.TrainingSamples != expected.TrainingSamples || saved.BatchSize != expected.BatchSize || saved.Seed != expected.Seed)
            throw new CheckpointException(path,
                $"it was made with {saved.TrainingSamples:N0} training samples, batch size {saved.BatchSize} and seed {saved.Seed}; this run has " +
                $"{expected.TrainingSamples:N0}, {expected.BatchSize} and {expected.Seed}, so it would not continue the same run.");
        var state = TrainingCheckpoint.Load(path, model, optimizer);
        model.to(device);
        return state;
    }

    void RestoreBest(MultiViewModule model, TrainingState state)
    {
        if (!options.RestoreBest || state.BestEpoch < 0 || state.BestEpoch == state.CompletedEpochs - 1 || BestCheckpointPath is null || !File.Exists(BestCheckpointPath))
            return;
        TrainingCheckpoint.Load(BestCheckpointPath, model, optimizer: null);
        progress.Message($"restored the weights of epoch {state.BestEpoch + 1}, the best on validation ({state.BestScore:F3})");
    }

    string? ExistingCheckpoint() => LastCheckpointPath is not null && File.Exists(LastCheckpointPath) ? LastCheckpointPath : null;
}
