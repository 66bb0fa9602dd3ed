namespace Sdl.Runtime.Training;

/// <summary>
/// Training stopped because a loss term (or the gradient norm) became NaN or infinite. The update
/// of that step was not applied, and the last checkpoint on disk was left as it was.
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception; the message names the term, the value, where it happened, and the last good checkpoint.</summary>
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
    /// <summary>The non-finite value (NaN or ±infinity).</summary>
    public double Value { get; }
    /// <summary>Zero-based epoch and step within the epoch.</summary>
    public int Epoch { get; }
    /// <summary>Zero-based step within <see cref="Epoch"/>.</summary>
    public int Step { get; }
    /// <summary>Zero-based optimiser step since the start of the run.</summary>
    public long GlobalStep { get; }
    /// <summary>The newest checkpoint on disk when training stopped, or null when none had been written.</summary>
    public string? LastGoodCheckpoint { get; }
}
