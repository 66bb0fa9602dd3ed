namespace Sdl.Runtime.Training;

/// <summary>
/// Where a run stands between epochs: everything besides weights and optimiser moments that a
/// resumed run needs in order to continue as if it had never stopped. Stored in checkpoints.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Epochs fully done; the next epoch to run has this index.</summary>
    public int CompletedEpochs { get; init; }
    /// <summary>Optimiser steps taken so far.</summary>
    public long GlobalStep { get; init; }
    /// <summary>Steps of epoch <see cref="CompletedEpochs"/> already taken when the checkpoint was written inside it (<see cref="TrainerOptions.CheckpointEverySteps"/>); 0 at an epoch's end.</summary>
    public int StepsIntoEpoch { get; init; }
    /// <summary>Sums of the loss terms over the <see cref="StepsIntoEpoch"/> steps taken, so a resumed epoch reports the uninterrupted epoch's mean.</summary>
    public IReadOnlyDictionary<string, double> PartialTrainLoss { get; init; } = new Dictionary<string, double>();
    /// <summary>libtorch's generator state after those steps (dropout draws), so a resumed epoch draws what the uninterrupted one would; null at an epoch's end.</summary>
    public byte[]? GeneratorState { get; init; }
    /// <summary>Best validation score so far; null before any validation.</summary>
    public double? BestScore { get; init; }
    /// <summary>Zero-based epoch of <see cref="BestScore"/>; −1 when there is none.</summary>
    public int BestEpoch { get; init; } = -1;
    /// <summary>Consecutive epochs since the last improvement (the early-stopping count).</summary>
    public int EpochsWithoutImprovement { get; init; }
    /// <summary>The divergence guard's factor on the learning rate (1 until it recovers from a blow-up), so a resumed run keeps the lowered rate.</summary>
    public double LearningRateScale { get; init; } = 1;
    /// <summary>Recoveries the divergence guard has made in this run.</summary>
    public int DivergenceRecoveries { get; init; }
    /// <summary>The metrics of every completed epoch, in order.</summary>
    public IReadOnlyList<EpochMetrics> History { get; init; } = [];

    /// <summary>The model's name and training-set size: a checkpoint from another setup is refused.</summary>
    public string ModelName { get; init; } = "";
    /// <summary>Training samples of the run; a checkpoint with another count is refused.</summary>
    public int TrainingSamples { get; init; }
    /// <summary>Batch size of the run; a checkpoint with another is refused (it would change the batch order).</summary>
    public int BatchSize { get; init; }
    /// <summary>Seed of the run; a checkpoint with another is refused (it would change the batch order).</summary>
    public int Seed { get; init; }
}
