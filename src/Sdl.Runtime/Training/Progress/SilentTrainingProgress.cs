namespace Sdl.Runtime.Training.Progress;

/// <summary>Shows nothing (tests, embedding in other tools).</summary>
internal sealed class SilentTrainingProgress : TrainingProgress;
