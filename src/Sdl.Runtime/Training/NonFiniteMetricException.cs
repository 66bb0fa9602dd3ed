namespace Sdl.Runtime.Training;

/// <summary>
/// A validation or test metric came out NaN or infinite (constant input, a collapsed embedding):
/// it cannot be compared, so it never counts as an improvement; the run stops and fails.
/// </summary>
public sealed class NonFiniteMetricException : Exception
{
    /// <summary>Creates the exception; <paramref name="epoch"/> is null for a metric measured after training.</summary>
    public NonFiniteMetricException(string metric, double value, int? epoch, string? lastGoodCheckpoint)
        : base($"The {metric} came out {Describe(value)}{(epoch is int e ? $" after epoch {e + 1}" : "")}: the embeddings carry no usable variance " +
               "(constant input, or a collapsed embedding), so the score cannot be computed. " +
               (epoch is null ? "" : lastGoodCheckpoint is null ? "No checkpoint had been written yet. " : $"The last good checkpoint is {lastGoodCheckpoint}. ") +
               "Check the data for constant views, or lower the learning rate or the decorrelation weight.")
    {
        Metric = metric;
        Value = value;
        Epoch = epoch;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>The metric's name (for example "validation total correlation (top 50)").</summary>
    public string Metric { get; }
    /// <summary>The non-finite value (NaN or ±infinity).</summary>
    public double Value { get; }
    /// <summary>Zero-based epoch after which the validation metric failed; null for a metric after training.</summary>
    public int? Epoch { get; }
    /// <summary>The newest checkpoint on disk when the run stopped, or null when none had been written.</summary>
    public string? LastGoodCheckpoint { get; }

    static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}
