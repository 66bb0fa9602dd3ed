using System.Globalization;

namespace Sdl.Runtime.Training.Progress;

/// <summary>
/// Shows a run's progress. The trainer runs its whole loop inside <see cref="Run"/>, because live
/// displays (Spectre.Console, in Sdl.Reports) own the console while they are shown; plain displays just call it.
/// </summary>
public abstract class TrainingProgress
{
    /// <summary>Runs <paramref name="training"/>, showing progress around it.</summary>
    public virtual void Run(string runName, long runSteps, Action training) => training();

    /// <summary>Called before epoch <paramref name="epoch"/> (zero-based) of <paramref name="epochs"/>, which has <paramref name="steps"/> steps.</summary>
    public virtual void EpochStarted(int epoch, int epochs, int steps) { }
    /// <summary>Called after every optimiser step, with its loss terms, throughput and estimated remaining time.</summary>
    public virtual void StepCompleted(StepProgress step) { }
    /// <summary>Called after each epoch (validation included) with its metrics.</summary>
    public virtual void EpochCompleted(EpochMetrics metrics, int epochs) { }
    /// <summary>Shows a line of information about the run (resuming, early stopping, restoring the best weights).</summary>
    public virtual void Message(string text) { }

    /// <summary>
    /// Creates the live display that <see cref="ProgressMode.Auto"/> (on an interactive terminal) and
    /// <see cref="ProgressMode.Live"/> use; null until a package that draws one registers it
    /// (<c>Sdl.Reports.LiveProgress.Enable()</c>). Set once at start-up: it is shared by every trainer in the process.
    /// </summary>
    /// <remarks>A hook rather than a reference, so that Sdl.Runtime does not depend on a console library.</remarks>
    public static Func<TrainingProgress>? LiveDisplay { get; set; }

    /// <summary>
    /// The display for <paramref name="mode"/>. <see cref="ProgressMode.Auto"/> picks the <see cref="LiveDisplay"/> only on an
    /// interactive terminal outside CI and plain lines otherwise; <see cref="ProgressMode.Live"/> without a
    /// <see cref="LiveDisplay"/> is an <see cref="InvalidOperationException"/> that says how to get one.
    /// </summary>
    public static TrainingProgress Create(ProgressMode mode, TextWriter? plainOutput = null) => mode switch
    {
        ProgressMode.Silent => new SilentTrainingProgress(),
        ProgressMode.Plain => new PlainTrainingProgress(plainOutput ?? Console.Out),
        ProgressMode.Live => LiveDisplay?.Invoke() ?? throw new InvalidOperationException(
            "ProgressMode.Live needs a live display, and Sdl.Runtime has none of its own: reference the Sdl.Reports package and call " +
            "Sdl.Reports.LiveProgress.Enable() at start-up, pass a TrainingProgress to the Trainer, or use ProgressMode.Auto or Plain."),
        _ => LiveDisplay is { } live && IsInteractive() ? live() : new PlainTrainingProgress(plainOutput ?? Console.Out),
    };

    /// <summary>True on a terminal that can redraw lines; false when output or input is redirected, on CI, or on a dumb terminal.</summary>
    public static bool IsInteractive() =>
        !Console.IsOutputRedirected
        && !Console.IsInputRedirected
        && Environment.UserInteractive
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>"total 1.234 · distance 1.100 · sdl(Left.embed) 0.134": total first, then the terms.</summary>
    public static string FormatLoss(IReadOnlyDictionary<string, double> loss) =>
        string.Join(" · ", loss.OrderBy(kv => kv.Key == "total" ? 0 : 1).Select(kv => $"{kv.Key} {kv.Value.ToString("G4", CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// A duration as "mm:ss", "h:mm:ss" from one hour on, "12d 03:04:05" from one day on (the hours of
    /// "h" alone would wrap every day), and "more than 10,000 days" beyond; "--:--" when unknown.
    /// </summary>
    public static string FormatDuration(TimeSpan? span)
    {
        if (span is not TimeSpan value) return "--:--";
        if (value.TotalDays >= 10_000) return "more than 10,000 days";
        if (value.TotalDays >= 1) return value.ToString(@"d\d\ hh\:mm\:ss", CultureInfo.InvariantCulture);
        return value.ToString(value.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>One line summing up an epoch.</summary>
    public static string FormatEpoch(EpochMetrics m, int epochs) =>
        $"epoch {m.Epoch + 1}/{epochs}  train {FormatLoss(m.TrainLoss)}" +
        (m.ValidationScore is double score ? $"  |  {m.ValidationScoreName} {score:F3}{(m.Improved ? " *" : "")}" : "") +
        $"  |  {m.SamplesPerSecond:N0} samples/s, {m.Seconds:F1} s";
}
