namespace Sdl.Reports;

/// <summary>The outcome of a comparison: the data, the setting, and one <see cref="MethodResult"/> per method.</summary>
public sealed record EvaluationReport
{
    /// <summary>The report's heading.</summary>
    public required string Title { get; init; }
    /// <summary>The data set compared on, in words.</summary>
    public required string Dataset { get; init; }
    /// <summary>Samples the methods were trained or fitted on.</summary>
    public required int TrainSamples { get; init; }
    /// <summary>Samples held out for validation (0 when none).</summary>
    public required int ValidationSamples { get; init; }
    /// <summary>Samples the results were measured on.</summary>
    public required int TestSamples { get; init; }
    /// <summary>One result per method, in table order.</summary>
    public required IReadOnlyList<MethodResult> Methods { get; init; }
    /// <summary>The settings the run was started with (objective, epochs, batch size, ...), for reproducing it.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>The device the run used, in words (for example "cpu").</summary>
    public string Device { get; init; } = "";
    /// <summary>Wall-clock time of the whole run, in seconds.</summary>
    public double TotalSeconds { get; init; }
    /// <summary>When the report was made (UTC by default).</summary>
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
