namespace Sdl.Runtime.Training;

/// <summary>What one epoch did: mean loss terms on the training and validation data, the validation score, time.</summary>
public sealed record EpochMetrics
{
    /// <summary>Zero-based epoch index.</summary>
    public int Epoch { get; init; }
    /// <summary>Optimiser steps taken since the start of the run, after this epoch.</summary>
    public long GlobalStep { get; init; }
    /// <summary>The learning rate used during the epoch (after the schedule).</summary>
    public double LearningRate { get; init; }
    /// <summary>Mean of each weighted loss term over the epoch's batches ("total" included).</summary>
    public IReadOnlyDictionary<string, double> TrainLoss { get; init; } = new Dictionary<string, double>();
    /// <summary>Mean of each term on the validation data (empty without validation data).</summary>
    public IReadOnlyDictionary<string, double> ValidationLoss { get; init; } = new Dictionary<string, double>();
    /// <summary>Validation total correlation (multi-view) or accuracy (supervised); null without validation data.</summary>
    public double? ValidationScore { get; init; }
    /// <summary>What <see cref="ValidationScore"/> measures, for display; empty without validation data.</summary>
    public string ValidationScoreName { get; init; } = "";
    /// <summary>Wall-clock time of the epoch, validation included.</summary>
    public double Seconds { get; init; }
    /// <summary>Training throughput: samples of the epoch's batches per second of training steps (validation excluded).</summary>
    public double SamplesPerSecond { get; init; }
    /// <summary>Whether the validation score beat the best so far by more than <see cref="TrainerOptions.MinImprovement"/>.</summary>
    public bool Improved { get; init; }
}
