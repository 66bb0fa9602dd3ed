using System.Globalization;

namespace Sdl.Runtime.Training;

/// <summary>
/// Training blew up again after the divergence guard had spent its recoveries
/// (<see cref="DivergenceGuardOptions.MaxRecoveries"/>). The model holds the weights of the last good
/// epoch, and the checkpoint folder (if any) is as that epoch left it.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception; the message says what blew up, where, what was tried, and what to change.</summary>
    public TrainingDivergedException(string cause, string where, int recoveries, int lastGoodEpoch, double learningRateScale, string? lastGoodCheckpoint)
        : base(string.Create(CultureInfo.InvariantCulture,
                   $"Training diverged: {cause} ({where}), after {recoveries} recover{(recoveries == 1 ? "y" : "ies")} by the divergence guard " +
                   $"(each restored the last good weights and lowered the learning rate; it was {learningRateScale:G3} of the configured rate). ") +
               (lastGoodEpoch < 0 ? "The model holds its initial weights. " : $"The model holds the weights of epoch {lastGoodEpoch + 1}, the last good one. ") +
               (lastGoodCheckpoint is null ? "" : $"The last good checkpoint is {lastGoodCheckpoint}. ") +
               "Try a lower learning rate, gradient clipping, or a larger batch, and check the data for extreme values.")
    {
        Cause = cause;
        Recoveries = recoveries;
        LastGoodEpoch = lastGoodEpoch;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>What blew up the last time (a non-finite term, a jump of the loss, a collapse of the validation score).</summary>
    public string Cause { get; }
    /// <summary>Recoveries made before this blow-up.</summary>
    public int Recoveries { get; }
    /// <summary>Zero-based epoch whose weights the model holds; −1: the initial weights.</summary>
    public int LastGoodEpoch { get; }
    /// <summary>The newest checkpoint on disk, or null when none had been written.</summary>
    public string? LastGoodCheckpoint { get; }
}
