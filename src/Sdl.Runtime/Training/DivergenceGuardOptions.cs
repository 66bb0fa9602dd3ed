namespace Sdl.Runtime.Training;

/// <summary>
/// When the trainer's divergence guard steps in (<see cref="TrainerOptions.DivergenceGuard"/>) and how
/// it recovers. The guard watches what the trainer reads anyway: each step's loss terms (and the
/// gradient norm when clipping computes it) and each epoch's validation score. On a blow-up it puts
/// back the weights and optimiser state of the last good epoch (held in memory), multiplies the
/// learning rate by <see cref="LearningRateFactor"/>, draws the batches in a fresh order (so a blow-up
/// tied to one batch's samples is not met again in the same place), logs one line, and trains on;
/// after <see cref="MaxRecoveries"/> recoveries the next blow-up ends the run with
/// <see cref="TrainingDivergedException"/>.
/// </summary>
/// <remarks>
/// The thresholds sit far outside what healthy runs do (docs/results.md, section 7): the
/// largest drop of any validation curve in docs/results/ below the best of its previous five epochs is
/// 4.4 %, against 25 % here.
/// </remarks>
public sealed record DivergenceGuardOptions
{
    /// <summary>Recoveries allowed in a run; the blow-up after the last of them stops training.</summary>
    public int MaxRecoveries { get; init; } = 3;

    /// <summary>Each recovery multiplies the learning rate (all later epochs, schedule included) by this factor, in (0, 1).</summary>
    public double LearningRateFactor { get; init; } = 0.5;

    /// <summary>
    /// A step's total loss is a blow-up when it lies above the median of the last <see cref="LossWindow"/>
    /// steps by more than this many times the larger of that median's magnitude and the window's median
    /// absolute deviation. Non-finite loss terms always are.
    /// </summary>
    public double LossJump { get; init; } = 5;

    /// <summary>Steps of loss history the jump is measured against; the check starts once the window is full.</summary>
    public int LossWindow { get; init; } = 50;

    /// <summary>
    /// An epoch's validation score is a collapse when it falls below the best of the previous <see cref="ScoreWindow"/>
    /// epochs by more than this fraction of it, in (0, 1), and by more than 5 times their median change from
    /// epoch to epoch (so that noise on a small score does not count). Judged once that many epochs are done.
    /// </summary>
    public double ScoreDrop { get; init; } = 0.25;

    /// <summary>Epochs of validation history the drop is measured against.</summary>
    public int ScoreWindow { get; init; } = 5;

    /// <summary>Each value that is out of range, as a sentence naming it.</summary>
    public IEnumerable<string> Problems()
    {
        const string prefix = nameof(TrainerOptions.DivergenceGuard) + ".";
        if (MaxRecoveries < 0) yield return $"{prefix}{nameof(MaxRecoveries)} must be at least 0; it is {MaxRecoveries}.";
        if (!(LearningRateFactor is > 0 and < 1)) yield return $"{prefix}{nameof(LearningRateFactor)} must lie in (0, 1); it is {LearningRateFactor:G}.";
        if (!(LossJump > 0) || !double.IsFinite(LossJump)) yield return $"{prefix}{nameof(LossJump)} must be a finite number > 0; it is {LossJump:G}.";
        if (LossWindow < 2) yield return $"{prefix}{nameof(LossWindow)} must be at least 2; it is {LossWindow}.";
        if (!(ScoreDrop is > 0 and < 1)) yield return $"{prefix}{nameof(ScoreDrop)} must lie in (0, 1); it is {ScoreDrop:G}.";
        if (ScoreWindow < 1) yield return $"{prefix}{nameof(ScoreWindow)} must be at least 1; it is {ScoreWindow}.";
    }
}
