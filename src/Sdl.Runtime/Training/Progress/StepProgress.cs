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
    /// <summary>Remaining time of the run at the current pace (steps of this process only).</summary>
    public TimeSpan? EstimatedRemaining => RunStep <= 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / RunStep * (RunSteps - RunStep));
}
