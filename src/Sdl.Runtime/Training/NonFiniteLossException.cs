namespace Sdl.Runtime.Training;

/// <summary>
/// Training stopped because a loss term (or the gradient norm) became NaN or infinite. The update
/// of that step was not applied, and the last checkpoint on disk was left as it was.
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    public NonFiniteLossException(string term, double value, int epoch, int step, long globalStep, string? lastGoodCheckpoint)
        : base($"Loss term '{term}' became {(double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity")} at epoch {epoch + 1}, step {step + 1} " +
               $"(global step {globalStep + 1}); training stopped before applying that update. " +
               (lastGoodCheckpoint is null ? "No checkpoint had been written yet." : $"The last good checkpoint is {lastGoodCheckpoint}.") +
               " Try a lower learning rate, gradient clipping, or a larger batch.")
    {
        Term = term;
        Value = value;
        Epoch = epoch;
        Step = step;
        GlobalStep = globalStep;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>The name of the offending term as in <see cref="Models.LossBreakdown.Terms"/>, "total", or "gradient norm".</summary>
    public string Term { get; }
    public double Value { get; }
    /// <summary>Zero-based epoch and step within the epoch.</summary>
    public int Epoch { get; }
    public int Step { get; }
    public long GlobalStep { get; }
    public string? LastGoodCheckpoint { get; }
}
