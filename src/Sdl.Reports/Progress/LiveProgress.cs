using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;

namespace Sdl.Reports;

/// <summary>
/// Plugs the live bars of this package into Sdl.Runtime's <see cref="TrainerOptions.Progress"/>:
/// after <see cref="Enable"/>, <see cref="ProgressMode.Auto"/> shows <see cref="LiveTrainingProgress"/>
/// on an interactive terminal (plain lines when redirected or on CI), and <see cref="ProgressMode.Live"/> always does.
/// </summary>
/// <remarks>
/// Sdl.Runtime does not reference Spectre.Console, so it cannot create live bars itself; a program
/// opts in here once, at start-up, instead of passing a display to every <see cref="Trainer"/>.
/// </remarks>
public static class LiveProgress
{
    /// <summary>Makes every trainer created from now on use live bars where its <see cref="ProgressMode"/> asks for them.</summary>
    public static void Enable() => TrainingProgress.LiveDisplay = static () => new LiveTrainingProgress();

    /// <summary>Undoes <see cref="Enable"/>: <see cref="ProgressMode.Auto"/> shows plain lines again, and <see cref="ProgressMode.Live"/> is refused.</summary>
    public static void Disable() => TrainingProgress.LiveDisplay = null;
}
