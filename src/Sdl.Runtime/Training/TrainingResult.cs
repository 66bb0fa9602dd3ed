namespace Sdl.Runtime.Training;

/// <summary>How a run ended, and its per-epoch history.</summary>
public sealed record TrainingResult(
    IReadOnlyList<EpochMetrics> History,
    int BestEpoch,
    double? BestScore,
    bool StoppedEarly,
    bool Resumed,
    TimeSpan Elapsed,
    string? LastCheckpoint,
    string? BestCheckpoint,
    string? MetricsLog);
