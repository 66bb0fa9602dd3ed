namespace Sdl.Runtime.Training;

/// <summary>What one epoch did: mean loss terms on the training and validation data, the validation score, time.</summary>
public sealed record EpochMetrics
{
    /// <summary>Zero-based epoch index.</summary>
    public int Epoch { get; init; }
    /// <summary>Optimiser steps taken since the start of the run, after this epoch.</summary>
    public long GlobalStep { get; init; }
    public double LearningRate { get; init; }
    /// <summary>Mean of each weighted loss term over the epoch's batches ("total" included).</summary>
    public IReadOnlyDictionary<string, double> TrainLoss { get; init; } = new Dictionary<string, double>();
    /// <summary>Mean of each term on the validation data (empty without validation data).</summary>
    public IReadOnlyDictionary<string, double> ValidationLoss { get; init; } = new Dictionary<string, double>();
    /// <summary>Validation total correlation (multi-view) or accuracy (supervised); null without validation data.</summary>
    public double? ValidationScore { get; init; }
    public string ValidationScoreName { get; init; } = "";
    public double Seconds { get; init; }
    public double SamplesPerSecond { get; init; }
    public bool Improved { get; init; }
}
