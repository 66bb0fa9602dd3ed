namespace Sdl.Examples.Experiments.Scale;

/// <summary>One validation of a run: the training time charged so far (CPU and wall seconds), the epochs done and the score.</summary>
public sealed record CurvePoint(double CpuSeconds, double WallSeconds, double Epochs, double Score);
