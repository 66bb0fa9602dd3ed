namespace Sdl.Runtime.Data;

/// <summary>How a CSV file is laid out: header row or not, delimiter, and where the labels are.</summary>
public sealed record CsvViewOptions
{
    /// <summary>The first row names the columns (default true).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Field delimiter (default a comma; use "\t" for TSV or ";" for European spreadsheets).</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>The column of integer class labels, by header name; null when the data is unlabelled or <see cref="LabelColumnIndex"/> is used.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>The column of integer class labels, by zero-based position (give this or <see cref="LabelColumn"/>, not both).</summary>
    public int? LabelColumnIndex { get; init; }
}
