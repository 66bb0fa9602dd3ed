namespace Sdl.Examples.Experiments.Scale;

/// <summary>One method at one embedding width: its learning-rate (and λ) choice, its budgeted run and what it reached.</summary>
public sealed record ScaleResult(
    string Method, int K, int BatchSize, int Hidden, double LearningRate, IReadOnlyDictionary<string, double> TuneScores,
    double TestTotal, int TestTopK, double BestValidation, double Epochs, double CpuSeconds, double WallSeconds,
    double? CpuSecondsTo95, double? WallSecondsTo95, string? Failure, IReadOnlyList<CurvePoint> Curve)
{
    /// <summary>The λ chosen on validation when the grid ranged over it (Soft CCA), else null: the model's declared λ.</summary>
    public double? Lambda { get; init; }

    /// <summary>CPU seconds per epoch of training (NaN before the first full step).</summary>
    public double CpuSecondsPerEpoch => Epochs > 0 ? CpuSeconds / Epochs : double.NaN;
}

/// <summary>Everything measured at one embedding width.</summary>
public sealed record ScaleWidth(int K, int BatchSize, int Hidden, double Target, double LoadAtStart, double LoadAtEnd, IReadOnlyList<ScaleResult> Methods);
