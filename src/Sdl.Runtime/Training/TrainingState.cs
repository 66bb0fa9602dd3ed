namespace Sdl.Runtime.Training;

/// <summary>
/// Where a run stands between epochs: everything besides weights and optimiser moments that a
/// resumed run needs in order to continue as if it had never stopped. Stored in checkpoints.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Epochs fully done; the next epoch to run has this index.</summary>
    public int CompletedEpochs { get; init; }
    public long GlobalStep { get; init; }
    public double? BestScore { get; init; }
    public int BestEpoch { get; init; } = -1;
    public int EpochsWithoutImprovement { get; init; }
    public IReadOnlyList<EpochMetrics> History { get; init; } = [];

    /// <summary>The model's name and training-set size: a checkpoint from another setup is refused.</summary>
    public string ModelName { get; init; } = "";
    public int TrainingSamples { get; init; }
    public int BatchSize { get; init; }
    public int Seed { get; init; }
}
