using System.Globalization;
using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;
using Spectre.Console;

namespace Sdl.Reports;

/// <summary>
/// Live Spectre.Console bars: the whole run and the current epoch, with the loss terms, throughput
/// and remaining time; each finished epoch is printed above the bars as a permanent line.
/// Pass one to <see cref="Trainer"/>, or call <see cref="LiveProgress.Enable"/> once so that
/// <see cref="ProgressMode.Auto"/> and <see cref="ProgressMode.Live"/> pick it.
/// </summary>
public sealed class LiveTrainingProgress : TrainingProgress
{
    ProgressTask? runTask, epochTask;
    string runName = "";

    /// <inheritdoc/>
    public override void Run(string runName, long runSteps, Action training)
    {
        this.runName = runName;
        // The live display hides the cursor and shows it again when it ends; a signal that ends the
        // process skips that, and would leave the user's shell without a cursor. Show it on the way out.
        using var restore = TerminalRestore.OnSignals();
        AnsiConsole.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                runTask = context.AddTask(Markup.Escape($"{runName}: starting"), maxValue: Math.Max(1, runSteps));
                epochTask = context.AddTask("epoch", maxValue: 1);
                training();
                runTask.Value = runTask.MaxValue;
            });
        runTask = epochTask = null;
    }

    /// <inheritdoc/>
    public override void EpochStarted(int epoch, int epochs, int steps)
    {
        if (epochTask is null) return;
        epochTask.MaxValue = Math.Max(1, steps);
        epochTask.Value = 0;
        epochTask.Description = $"epoch {epoch + 1}/{epochs}";
    }

    /// <inheritdoc/>
    public override void StepCompleted(StepProgress step)
    {
        if (runTask is null || epochTask is null) return;
        runTask.Increment(1);
        epochTask.Increment(1);
        runTask.Description = Markup.Escape($"{runName}: {step.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} samples/s, ETA {FormatDuration(step.EstimatedRemaining)}");
        epochTask.Description = Markup.Escape($"epoch {step.Epoch + 1}/{step.Epochs} step {step.Step + 1}/{step.StepsPerEpoch}  {FormatLoss(step.Loss)}");
    }

    /// <inheritdoc/>
    public override void EpochCompleted(EpochMetrics metrics, int epochs) =>
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(runName)}[/] {Markup.Escape(FormatEpoch(metrics, epochs))}");

    /// <inheritdoc/>
    public override void Message(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(runName)}[/] {Markup.Escape(text)}");
}
