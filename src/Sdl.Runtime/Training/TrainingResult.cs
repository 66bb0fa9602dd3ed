namespace Sdl.Runtime.Training;

/// <summary>How a run ended, and its per-epoch history (the whole run's, resumed epochs included).</summary>
public sealed record TrainingResult(
    IReadOnlyList<EpochMetrics> History,
    int BestEpoch,
    double? BestScore,
    bool StoppedEarly,
    bool Resumed,
    TimeSpan Elapsed,
    string? LastCheckpoint,
    string? BestCheckpoint,
    string? MetricsLog)
{
    /// <summary>Epochs already done when this process started (restored from <c>last.ckpt</c>); 0 for a fresh run.</summary>
    public int ResumedAfterEpochs { get; init; }

    /// <summary>Epochs this process trained (the rest of <see cref="History"/> was restored).</summary>
    public int EpochsRun => History.Count - ResumedAfterEpochs;

    /// <summary>
    /// The zero-based epoch whose weights the model holds on return: the best epoch when it was
    /// restored from <c>best.ckpt</c>, otherwise the last epoch trained (−1: no epoch).
    /// </summary>
    public int WeightsEpoch { get; init; } = -1;
}
