namespace Sdl.Runtime.Training.Progress;

/// <summary>A snapshot after one optimiser step, for progress displays.</summary>
public sealed record StepProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    long RunStep,
    long RunSteps,
    IReadOnlyDictionary<string, double> Loss,
    double SamplesPerSecond,
    TimeSpan Elapsed)
{
    /// <summary>The learning rate this step was taken with (warm-up, schedule and any divergence-guard reduction applied).</summary>
    public double LearningRate { get; init; }

    /// <summary>Remaining time of the run at the current pace (steps of this process only); at most <see cref="TimeSpan.MaxValue"/> (a run of 2³¹ epochs must not overflow it).</summary>
    public TimeSpan? EstimatedRemaining
    {
        get
        {
            if (RunStep <= 0) return null;
            double seconds = Elapsed.TotalSeconds / RunStep * (RunSteps - RunStep);
            return seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(Math.Max(0, seconds));
        }
    }
}
