using System.Diagnostics;
using Sdl.Runtime.Data;
using Sdl.Runtime.Interop;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>
/// Trains any <see cref="MultiViewModule"/>: mini-batches in a seeded order, one dispose scope per
/// step, a divergence guard (or, with it off, a stop on non-finite losses), per-epoch validation and early stopping, atomic
/// checkpoints (<c>last.ckpt</c> every epoch, <c>best.ckpt</c> on improvement), resumption, and
/// a JSON-lines metrics log.
/// </summary>
/// <remarks>
/// Crash consistency comes from the order of the writes at the end of each epoch, each of them
/// atomic (temporary file, then rename) except the log's append:
/// <list type="number">
/// <item><c>last.ckpt</c>: the commit point; its state holds the whole history and names the best epoch;</item>
/// <item><c>best.ckpt</c>, when the epoch improved: the same bytes as <c>last.ckpt</c>;</item>
/// <item>one line appended to <c>metrics.jsonl</c>.</item>
/// </list>
/// A kill between any two steps leaves the log a prefix of <c>last.ckpt</c>'s history (perhaps
/// with a torn last line) and <c>best.ckpt</c> either the epoch <c>last.ckpt</c> names or, only
/// when that epoch is <c>last.ckpt</c>'s own, the previous best. A resume therefore repairs both
/// from <c>last.ckpt</c> (copy it to <c>best.ckpt</c>; rewrite the log from its history) and the
/// three files agree again; no file ever describes an epoch that <c>last.ckpt</c> does not hold.
/// </remarks>
public sealed partial class Trainer
{
    /// <summary>File name of the checkpoint written after every epoch.</summary>
    public const string LastCheckpointName = "last.ckpt";
    /// <summary>File name of the checkpoint of the best validation epoch.</summary>
    public const string BestCheckpointName = "best.ckpt";
    /// <summary>File name of the per-epoch metrics log.</summary>
    public const string MetricsLogName = "metrics.jsonl";

    readonly TrainerOptions options;
    readonly TrainingProgress progress;
    readonly RunFileWriter writer;

    /// <summary>Checks every option first: <see cref="TrainingSetupException"/> lists those out of range.</summary>
    public Trainer(TrainerOptions options, TrainingProgress? progress = null) : this(options, progress, RunFileWriter.Default) { }

    /// <summary>As the public constructor; <paramref name="writer"/> is the fault-injection seam of the crash tests.</summary>
    internal Trainer(TrainerOptions options, TrainingProgress? progress, RunFileWriter writer)
    {
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
            throw new TrainingSetupException(problems.Count == 1
                ? $"Trainer option out of range: {problems[0]}"
                : "Trainer options out of range:" + string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}")));
        this.options = options;
        this.progress = progress ?? TrainingProgress.Create(options.Progress);
        this.writer = writer;
    }

    /// <summary>The options the trainer was created with (already checked).</summary>
    public TrainerOptions Options => options;

    /// <summary>Path of the checkpoint written after every epoch (null without a checkpoint folder).</summary>
    public string? LastCheckpointPath => options.CheckpointDirectory is null ? null : Path.Combine(options.CheckpointDirectory, LastCheckpointName);
    /// <summary>Path of the checkpoint of the best validation epoch (null without a checkpoint folder).</summary>
    public string? BestCheckpointPath => options.CheckpointDirectory is null ? null : Path.Combine(options.CheckpointDirectory, BestCheckpointName);
    /// <summary>Path of the metrics log (null without a checkpoint folder, then no log is written).</summary>
    public string? MetricsLogPath => options.CheckpointDirectory is null ? null : Path.Combine(options.CheckpointDirectory, MetricsLogName);

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>, validating on <paramref name="validation"/>
    /// after every epoch when given. Model and data are checked against each other first.
    /// </summary>
    public TrainingResult Fit(MultiViewModule model, MultiViewDataset train, MultiViewDataset? validation = null) =>
        Fit(model, (IMultiViewBatchSource)train, validation);

    /// <summary>
    /// Trains <paramref name="model"/> on the batches of <paramref name="train"/>: an in-memory
    /// <see cref="MultiViewDataset"/> or a source that reads chunk by chunk from disk
    /// (<see cref="ChunkedNpyViews"/>, <see cref="ChunkedParquetViews"/>), so data larger than memory trains
    /// in the memory of one chunk. Model and data are checked against each other from the source's
    /// description before anything is read. <paramref name="validation"/> stays in memory (a validation set
    /// is small by nature); the validation score's CCA is fitted on a bounded seeded sample of
    /// <paramref name="train"/> (<see cref="TrainerOptions.ValidationFitSamples"/>).
    /// </summary>
    public TrainingResult Fit(MultiViewModule model, IMultiViewBatchSource train, MultiViewDataset? validation = null)
    {
        ModelDataCheck.Validate(model.Info, train, "training", options.BatchSize);
        if (validation is not null) ModelDataCheck.Validate(model.Info, validation, "validation", Math.Min(options.BatchSize, validation.Count));
        ModelDataCheck.RequireFullBatch(train, options.BatchSize);

        var leftovers = PrepareRunFolder();
        if (options.TuneNativeAllocator) NativeAllocator.PinForTraining();

        var device = DeviceSelector.Resolve(options.Device);
        model.to(device);
        using var optimizer = OptimizerFactory.Create(options, model.parameters());
        var validator = validation is null ? null : new Validator(model, train, validation, options, device);
        var log = MetricsLogPath is null ? null : new MetricsLog(MetricsLogPath, writer);

        var state = new TrainingState { ModelName = model.Info.Name, TrainingSamples = (int)train.Count, BatchSize = options.BatchSize, Seed = options.Seed };
        var repairs = new List<string>();
        if (options.Resume)
        {
            state = Resume(model, optimizer, state, device);
            if (ReconcileBest(state)) repairs.Add($"{BestCheckpointName} rewritten from {LastCheckpointName} (the run had stopped between the two writes)");
            // The checkpoint is the record of truth: the log may lack its last epoch or end in a torn line.
            Write(MetricsLogPath!, () => log!.Rewrite(options.RunName, state.History));
        }

        var run = new FitRun(this, model, optimizer, train, validator, log, device, state);
        progress.Run(options.RunName, run.RunSteps, () =>
        {
            run.Announce(leftovers, repairs);
            run.Epochs();
        });

        int weightsEpoch = RestoreBest(model, run.State, run.BestInMemory);
        return new TrainingResult(run.History, run.State.BestEpoch, run.State.BestScore, run.StoppedEarly, options.Resume, run.Clock.Elapsed,
            options.CheckpointDirectory is null ? null : LastCheckpointPath,
            options.CheckpointDirectory is null || run.State.BestEpoch < 0 ? null : BestCheckpointPath,
            log?.Path)
        {
            ResumedAfterEpochs = run.ResumedAfter,
            WeightsEpoch = weightsEpoch,
        };
    }

    /// <summary>
    /// Checks the checkpoint folder before any work: writable, no leftovers of a killed write, and
    /// an earlier run there only continued (<see cref="TrainerOptions.Resume"/>) or replaced
    /// (<see cref="TrainerOptions.StartOver"/>) when asked. Returns the leftovers removed.
    /// </summary>
    IReadOnlyList<string> PrepareRunFolder()
    {
        var directory = options.CheckpointDirectory;
        if (directory is null) return [];
        RunDirectory.EnsureWritable(directory, nameof(TrainerOptions.CheckpointDirectory));
        var leftovers = RunDirectory.RemoveLeftovers(directory);
        var existing = RunDirectory.ExistingRunFiles(directory);
        if (options.Resume)
        {
            if (!File.Exists(LastCheckpointPath))
                throw new TrainingSetupException(existing.Count == 0
                    ? $"Nothing to resume in {directory}: it holds no training run (no {LastCheckpointName})."
                    : $"Nothing to resume in {directory}: it has {string.Join(", ", existing)} but no {LastCheckpointName} " +
                      $"(the run stopped before its first epoch ended); start over ({nameof(TrainerOptions.StartOver)}) instead.");
        }
        else if (existing.Count > 0)
        {
            if (!options.StartOver)
                throw new TrainingSetupException($"{directory} already holds a training run ({string.Join(", ", existing)}); " +
                                                 $"set {nameof(TrainerOptions.Resume)} to continue it or {nameof(TrainerOptions.StartOver)} to replace it.");
            RunDirectory.RemoveRun(directory);
        }
        return leftovers;
    }

    /// <summary>
    /// Makes <c>best.ckpt</c> agree with the best epoch <c>last.ckpt</c> names. Only one
    /// disagreement can come from a crash: the best epoch is <c>last.ckpt</c>'s own and
    /// <c>best.ckpt</c> was not yet (or not wholly) replaced; then <c>last.ckpt</c> is copied.
    /// Returns true when it repaired.
    /// </summary>
    bool ReconcileBest(TrainingState last)
    {
        var bestPath = BestCheckpointPath!;
        // A checkpoint written inside an epoch holds later weights than its best epoch's: never copy it to best.ckpt.
        bool bestIsLast = last.BestEpoch >= 0 && last.BestEpoch == last.CompletedEpochs - 1 && last.StepsIntoEpoch == 0;
        int? bestHolds = null;
        if (File.Exists(bestPath))
        {
            try { bestHolds = TrainingCheckpoint.ReadStoredState(bestPath).CompletedEpochs - 1; } // the file as stored, not what a reader is given
            catch (CheckpointException) when (bestIsLast) { } // replaced from last.ckpt below
        }
        if (last.BestEpoch < 0 && bestHolds is null && !File.Exists(bestPath)) return false;
        if (bestHolds == last.BestEpoch) return false;
        if (bestIsLast)
        {
            Write(bestPath, () => writer.WriteAtomically(bestPath, File.ReadAllBytes(LastCheckpointPath!)));
            return true;
        }
        throw new CheckpointException(bestPath, last.BestEpoch < 0
            ? $"{LastCheckpointName} records no best epoch, yet this file exists: they are not from the same run."
            : bestHolds is int held
                ? $"it holds epoch {held + 1} but {LastCheckpointName} names epoch {last.BestEpoch + 1} as the best: they are not from the same run."
                : $"missing, but {LastCheckpointName} names epoch {last.BestEpoch + 1} as the best and holds only epoch {last.CompletedEpochs}'s weights.");
    }

    /// <summary>
    /// Writes <c>last.ckpt</c> inside an epoch: the state names the steps taken and carries their loss sums and
    /// libtorch's generator state. Only <c>last.ckpt</c> changes: <c>best.ckpt</c> and the log describe whole
    /// epochs, and the history it holds is still that of the completed epochs, so the crash-consistency
    /// argument (see the remarks above) is unchanged.
    /// </summary>
    void WriteMidEpochCheckpoint(MultiViewModule model, OptimizerHelper optimizer, TrainingState state)
    {
        using var generator = random.get_rng_state();
        var checkpoint = TrainingCheckpoint.Serialize(model, optimizer, state with { GeneratorState = generator.data<byte>().ToArray() });
        Write(LastCheckpointPath!, () => TrainingCheckpoint.Write(LastCheckpointPath!, checkpoint, writer));
    }

    /// <summary>Runs a write of the run folder; a failure of the disk or of permissions becomes one clear <see cref="OutputWriteException"/>.</summary>
    void Write(string path, Action write)
    {
        try { write(); }
        catch (Exception e) when (OutputWriteException.IsWriteFailure(e))
        {
            throw new OutputWriteException(path, e, ExistingCheckpoint() is string last
                ? $"Training stopped; {last} holds the last complete epoch (continue with Resume once there is room)."
                : "Training stopped before any checkpoint was written.");
        }
    }

    /// <summary>
    /// One optimiser step inside its own dispose scope; returns the loss terms as numbers and, with the divergence
    /// guard on, why the step is a blow-up (then its update was not applied), or null.
    /// </summary>
    (IReadOnlyDictionary<string, double> Values, string? BlowUp) TrainStep(MultiViewModule model, OptimizerHelper optimizer, IEnumerator<MiniBatch> batches, IMultiViewBatchSource train, Device device, int epoch, int step, long globalStep, DivergenceGuard? guard)
    {
        using var scope = NewDisposeScope();
        // The batch's tensors are made here, inside the step's scope, by the source's lazy epoch.
        if (!batches.MoveNext())
            throw new DataShapeException($"{train.Description}: epoch {epoch + 1} ended after {step} batches, but the source announced {train.BatchesPerEpoch(options.BatchSize)}.");
        var batch = batches.Current;
        optimizer.zero_grad();
        var output = model.call(batch.Views);
        var loss = model.ComputeLoss(output, batch.Views, batch.Labels);
        var values = loss.ToValues();
        // Check before backward: a non-finite loss (or, for the guard, a jump) must not reach the weights or the optimiser moments.
        if (guard is null)
        {
            foreach (var (name, value) in values.OrderBy(kv => kv.Key == "total" ? 1 : 0))
                if (!double.IsFinite(value))
                    throw new NonFiniteLossException(name, value, epoch, step, globalStep, ExistingCheckpoint());
        }
        else if (guard.CheckStep(values) is string blowUp) return (values, blowUp);
        loss.Total.backward();
        if (options.GradientClipNorm is double maxNorm)
        {
            double norm = double.NaN;
            CollectionPause.Run(() => norm = nn.utils.clip_grad_norm_(model.parameters(), maxNorm));
            if (!double.IsFinite(norm))
            {
                if (guard is null) throw new NonFiniteLossException("gradient norm", norm, epoch, step, globalStep, ExistingCheckpoint());
                return (values, DivergenceGuard.CheckGradientNorm(norm));
            }
        }
        BeforeOptimizerStep?.Invoke(optimizer, globalStep);
        // TorchSharp's optimisers make implicit Scalars that a collection could free mid-call.
        CollectionPause.Run(() => optimizer.step());
        return (values, null);
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

    /// <summary>
    /// Loads the best epoch's weights when asked and available (from <c>best.ckpt</c>, or from <paramref name="inMemory"/>
    /// without a checkpoint folder); returns the epoch whose weights the model now holds.
    /// </summary>
    int RestoreBest(MultiViewModule model, TrainingState state, ModelSnapshot? inMemory)
    {
        int lastEpoch = state.CompletedEpochs - 1;
        if (!options.RestoreBest || state.BestEpoch < 0 || state.BestEpoch == lastEpoch) return lastEpoch;
        if (inMemory?.State is TrainingState kept && kept.CompletedEpochs - 1 == state.BestEpoch)
        {
            inMemory.Restore(model, optimizer: null);
            progress.Message($"restored the weights of epoch {state.BestEpoch + 1}, the best on validation ({state.BestScore:F3}), from memory");
            return state.BestEpoch;
        }
        if (BestCheckpointPath is null || !File.Exists(BestCheckpointPath))
            return lastEpoch;
        var saved = TrainingCheckpoint.ReadState(BestCheckpointPath);
        if (saved.CompletedEpochs - 1 != state.BestEpoch)
            throw new CheckpointException(BestCheckpointPath, $"it holds epoch {saved.CompletedEpochs} but this run's best is epoch {state.BestEpoch + 1}.");
        TrainingCheckpoint.Load(BestCheckpointPath, model, optimizer: null);
        progress.Message($"restored the weights of epoch {state.BestEpoch + 1}, the best on validation ({state.BestScore:F3})");
        return state.BestEpoch;
    }

    /// <summary>Test seam: runs just before each optimiser step (a test sets a huge learning rate for one step here).</summary>
    internal Action<OptimizerHelper, long>? BeforeOptimizerStep { get; set; }

    string? ExistingCheckpoint() => LastCheckpointPath is not null && File.Exists(LastCheckpointPath) ? LastCheckpointPath : null;
}
