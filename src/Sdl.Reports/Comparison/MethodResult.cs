using Sdl.Runtime.Training;

namespace Sdl.Reports;

/// <summary>How one method did on the test data: the numbers of one row of the comparison table.</summary>
public sealed record MethodResult
{
    /// <summary>Short name for tables and legends, for example "Soft CCA (SDL)".</summary>
    public required string Method { get; init; }
    /// <summary>What was trained or fitted, in a sentence.</summary>
    public string Description { get; init; } = "";

    /// <summary>Canonical pairs summed in <see cref="TestTotalCorrelation"/>.</summary>
    public required int TopK { get; init; }
    /// <summary>Sum of the top-k test canonical correlations (linear CCA fitted on the training embeddings).</summary>
    public required double TestTotalCorrelation { get; init; }
    /// <summary>All test canonical correlations, in the order of the training correlations.</summary>
    public required IReadOnlyList<double> TestCorrelations { get; init; }

    /// <summary>Retrieval and probe metrics by name (for example "R@1 left→right"); empty when not measured.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Training or fitting time in seconds; null when not measured.</summary>
    public double? TrainSeconds { get; init; }
    /// <summary>Epochs trained; null for fitted baselines.</summary>
    public int? EpochsRun { get; init; }
    /// <summary>Number of model parameters; null for methods without a model.</summary>
    public long? Parameters { get; init; }
    /// <summary>Per-epoch history of trained methods (learning curves); null for fitted baselines.</summary>
    public IReadOnlyList<EpochMetrics>? History { get; init; }
}
