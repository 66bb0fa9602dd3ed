namespace Sdl.Runtime.Training;

/// <summary>Everything that decides how a model is trained. Defaults suit the MNIST halves benchmark.</summary>
public sealed record TrainerOptions
{
    /// <summary>Number of epochs to train (early stopping may end sooner).</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Samples per mini-batch; a final short batch is dropped.</summary>
    public int BatchSize { get; init; } = 256;
    /// <summary>The optimiser: Adam, AdamW or SGD.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    /// <summary>Base learning rate (the warm-up and the schedule scale it).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>How the learning rate changes over the run: constant, cosine decay to 0 (step by step), or halving every <see cref="StepDecayEpochs"/>.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    /// <summary>
    /// Epochs (fractions allowed) over which the rate rises linearly, step by step, from <c>1/steps</c> of the base rate to
    /// all of it before the schedule applies; 0: no warm-up. A cosine schedule then decays over the epochs that remain.
    /// </summary>
    public double WarmupEpochs { get; init; }
    /// <summary>Epochs between halvings for <see cref="LearningRateSchedule.StepDecay"/>.</summary>
    public int StepDecayEpochs { get; init; } = 10;
    /// <summary>L2 weight decay passed to the optimiser (0: none).</summary>
    public double WeightDecay { get; init; }
    /// <summary>Momentum of <see cref="OptimizerKind.Sgd"/>.</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>Clip the global gradient norm to this value; null: no clipping.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Seeds batch order and, per epoch, libtorch's generator (dropout), so runs and resumes repeat.</summary>
    public int Seed { get; init; }
    /// <summary>"auto", "cpu", "cuda" or "cuda:n".</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Stop after this many epochs without a better validation score; null: never stop early.</summary>
    public int? Patience { get; init; }
    /// <summary>An improvement smaller than this does not count.</summary>
    public double MinImprovement { get; init; } = 1e-4;
    /// <summary>Top-k canonical correlations summed for the validation score of multi-view models (capped at the embedding size).</summary>
    public int ValidationTopK { get; init; } = 50;
    /// <summary>Training samples whose embeddings fit the validation linear CCA (a seeded subset keeps validation cheap).</summary>
    public int ValidationFitSamples { get; init; } = 5000;
    /// <summary>
    /// After training, load the weights of the best validation epoch (needs a validation set): from
    /// <c>best.ckpt</c> with a <see cref="CheckpointDirectory"/>, otherwise from a copy kept in memory.
    /// </summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>
    /// The divergence guard: on a blow-up (a non-finite loss, a jump of the training loss, a collapse of the
    /// validation score) put back the last good epoch's weights and optimiser state, lower the learning rate
    /// and train on, up to a limit; null: off, and a non-finite loss stops the run at once
    /// (<see cref="NonFiniteLossException"/>). On by default: it reads nothing extra from the device, and its
    /// thresholds sit far outside what healthy runs do (docs/results.md, section 7).
    /// </summary>
    public DivergenceGuardOptions? DivergenceGuard { get; init; } = new();

    /// <summary>Folder for <c>last.ckpt</c>, <c>best.ckpt</c> and <c>metrics.jsonl</c>; null: no checkpoints, no log file.</summary>
    public string? CheckpointDirectory { get; init; }
    /// <summary>
    /// Also write <c>last.ckpt</c> every this many optimiser steps inside an epoch, so that a run over data
    /// too large for an epoch to be cheap can be resumed mid-epoch (it continues with the batch after the
    /// checkpoint, exactly as the uninterrupted run would have); null: only at the end of each epoch.
    /// </summary>
    public int? CheckpointEverySteps { get; init; }
    /// <summary>Continue from <c>last.ckpt</c> in <see cref="CheckpointDirectory"/>; refused when there is nothing to resume.</summary>
    public bool Resume { get; init; }
    /// <summary>
    /// Delete an earlier run's <c>last.ckpt</c>, <c>best.ckpt</c> and <c>metrics.jsonl</c> in
    /// <see cref="CheckpointDirectory"/> and train afresh. Without it (or <see cref="Resume"/>), a
    /// folder that holds a run is refused, so a rerun never destroys earlier results.
    /// </summary>
    public bool StartOver { get; init; }

    /// <summary>
    /// Pin glibc malloc's thresholds when training starts (<see cref="Interop.NativeAllocator"/>), unless the
    /// program pinned them already: with glibc's defaults a step at batch 1024 can page-fault its tensors
    /// in anew each time, and ran up to 1.6 times slower (docs/benchmarks.md, The native allocator).
    /// Process-wide; it keeps up to 64 MiB of freed memory resident. Off: the allocator is left as it is.
    /// </summary>
    public bool TuneNativeAllocator { get; init; } = true;

    /// <summary>How progress is shown: live bars, plain lines, nothing, or chosen from the terminal.</summary>
    public ProgressMode Progress { get; init; } = ProgressMode.Auto;
    /// <summary>A name for the run in progress lines and logs (for example "Soft CCA").</summary>
    public string RunName { get; init; } = "training";

    /// <summary>Each option that is out of range, as a sentence naming it; empty when all are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Epochs < 1) yield return $"{nameof(Epochs)} must be at least 1; it is {Epochs}.";
        if (BatchSize < 1) yield return $"{nameof(BatchSize)} must be at least 1; it is {BatchSize}.";
        if (!IsUsableRate(LearningRate)) yield return $"{nameof(LearningRate)} must be a finite number > 0 that float32 can hold (about 1e-45 to 3e38); it is {LearningRate:G}.";
        if (!(WarmupEpochs >= 0 && WarmupEpochs < Epochs)) yield return $"{nameof(WarmupEpochs)} must be ≥ 0 and below {nameof(Epochs)} ({Epochs}); it is {WarmupEpochs:G}.";
        if (StepDecayEpochs < 1) yield return $"{nameof(StepDecayEpochs)} must be at least 1; it is {StepDecayEpochs}.";
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) yield return $"{nameof(WeightDecay)} must be a finite number ≥ 0; it is {WeightDecay:G}.";
        if (!(Momentum is >= 0 and < 1)) yield return $"{nameof(Momentum)} must lie in [0, 1); it is {Momentum:G}.";
        if (GradientClipNorm is double clip && !(clip > 0 && double.IsFinite(clip))) yield return $"{nameof(GradientClipNorm)} must be a finite number > 0 (or null); it is {clip:G}.";
        if (Patience is < 1) yield return $"{nameof(Patience)} must be at least 1 (or null: never stop early); it is {Patience}.";
        if (!(MinImprovement >= 0) || !double.IsFinite(MinImprovement)) yield return $"{nameof(MinImprovement)} must be a finite number ≥ 0; it is {MinImprovement:G}.";
        if (ValidationTopK < 1) yield return $"{nameof(ValidationTopK)} must be at least 1; it is {ValidationTopK}.";
        if (ValidationFitSamples < 2) yield return $"{nameof(ValidationFitSamples)} must be at least 2; it is {ValidationFitSamples}.";
        if (string.IsNullOrWhiteSpace(Device)) yield return $"{nameof(Device)} is empty: use \"auto\", \"cpu\", \"cuda\" or \"cuda:n\".";
        if (CheckpointDirectory is not null && string.IsNullOrWhiteSpace(CheckpointDirectory)) yield return $"{nameof(CheckpointDirectory)} is empty: give a folder, or null for no checkpoints.";
        if (CheckpointEverySteps is < 1) yield return $"{nameof(CheckpointEverySteps)} must be at least 1 (or null: at the end of each epoch only); it is {CheckpointEverySteps}.";
        if (CheckpointEverySteps is not null && CheckpointDirectory is null) yield return $"{nameof(CheckpointEverySteps)} needs a {nameof(CheckpointDirectory)}.";
        if (DivergenceGuard is not null) foreach (var problem in DivergenceGuard.Problems()) yield return problem;
        if (Resume && StartOver) yield return $"{nameof(Resume)} and {nameof(StartOver)} exclude each other: continue the earlier run, or replace it.";
        if ((Resume || StartOver) && CheckpointDirectory is null) yield return $"{(Resume ? nameof(Resume) : nameof(StartOver))} needs a {nameof(CheckpointDirectory)}.";
    }

    /// <summary>A learning rate the float32 parameters can use: finite, positive, and neither 0 nor infinite as a float.</summary>
    public static bool IsUsableRate(double rate) => double.IsFinite(rate) && rate > 0 && (float)rate > 0 && float.IsFinite((float)rate);
}
