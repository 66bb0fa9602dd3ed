namespace Sdl.Runtime.Training;

/// <summary>Everything that decides how a model is trained. Defaults suit the MNIST halves benchmark.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 256;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public double LearningRate { get; init; } = 1e-3;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    /// <summary>Epochs between halvings for <see cref="LearningRateSchedule.StepDecay"/>.</summary>
    public int StepDecayEpochs { get; init; } = 10;
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
    /// <summary>After training, load the weights of the best validation epoch (when a validation set was given).</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>Folder for <c>last.ckpt</c>, <c>best.ckpt</c> and <c>metrics.jsonl</c>; null: no checkpoints, no log file.</summary>
    public string? CheckpointDirectory { get; init; }
    /// <summary>Continue from <c>last.ckpt</c> in <see cref="CheckpointDirectory"/> when it exists.</summary>
    public bool Resume { get; init; }

    public ProgressMode Progress { get; init; } = ProgressMode.Auto;
    /// <summary>A name for the run in progress lines and logs (for example "Soft CCA").</summary>
    public string RunName { get; init; } = "training";
}
