namespace Sdl.Runtime.Training.Progress;

/// <summary>
/// Plain lines for logs, CI and redirected output: a few lines per epoch (never a redraw), each
/// with the loss terms, throughput and the remaining time.
/// </summary>
internal sealed class PlainTrainingProgress(TextWriter output) : TrainingProgress
{
    const int LinesPerEpoch = 4;
    string runName = "";

    /// <inheritdoc/>
    public override void Run(string runName, long runSteps, Action training)
    {
        this.runName = runName;
        output.WriteLine($"[{runName}] {runSteps:N0} steps to run");
        training();
    }

    /// <inheritdoc/>
    public override void StepCompleted(StepProgress step)
    {
        int every = Math.Max(1, step.StepsPerEpoch / LinesPerEpoch);
        if ((step.Step + 1) % every != 0 || step.Step + 1 == step.StepsPerEpoch) return;
        output.WriteLine($"[{runName}] epoch {step.Epoch + 1}/{step.Epochs} step {step.Step + 1}/{step.StepsPerEpoch}  {FormatLoss(step.Loss)}  " +
                         $"{step.SamplesPerSecond:N0} samples/s  ETA {FormatDuration(step.EstimatedRemaining)}");
    }

    /// <inheritdoc/>
    public override void EpochCompleted(EpochMetrics metrics, int epochs) => output.WriteLine($"[{runName}] {FormatEpoch(metrics, epochs)}");

    /// <inheritdoc/>
    public override void Message(string text) => output.WriteLine($"[{runName}] {text}");
}
