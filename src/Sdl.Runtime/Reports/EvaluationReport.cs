namespace Sdl.Runtime.Reports;

/// <summary>The outcome of a comparison: the data, the setting, and one <see cref="MethodResult"/> per method.</summary>
public sealed record EvaluationReport
{
    public required string Title { get; init; }
    public required string Dataset { get; init; }
    public required int TrainSamples { get; init; }
    public required int ValidationSamples { get; init; }
    public required int TestSamples { get; init; }
    public required IReadOnlyList<MethodResult> Methods { get; init; }
    /// <summary>The settings the run was started with (objective, epochs, batch size, ...), for reproducing it.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    public string Device { get; init; } = "";
    public double TotalSeconds { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
