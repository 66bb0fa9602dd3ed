namespace Sdl.Runtime.Training.Progress;

/// <summary>Shows nothing (tests, embedding in other tools).</summary>
public sealed class SilentTrainingProgress : TrainingProgress;
