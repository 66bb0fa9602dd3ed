using System.Text.Json;
using System.Text.Json.Serialization;
using Sdl.Runtime.Training;

namespace Sdl.Runtime.Reports;

/// <summary>Writes a report as JSON (machine-readable) and Markdown (the table), and reads the JSON back.</summary>
public static class ReportFiles
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes atomically (the previous file, if any, stays whole on failure); a disk or permission failure is an <see cref="OutputWriteException"/> naming the file.</summary>
    public static void WriteJson(EvaluationReport report, string path) => WriteText(path, JsonSerializer.Serialize(report, Json));

    /// <summary>Reads a report written by <see cref="WriteJson"/>.</summary>
    /// <exception cref="InvalidDataException">The file holds JSON <c>null</c>.</exception>
    public static EvaluationReport ReadJson(string path) =>
        JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty report.");

    /// <summary>As <see cref="WriteJson"/>: atomic, and failures named.</summary>
    public static void WriteMarkdown(EvaluationReport report, string path) =>
        WriteText(path, $"# {report.Title}\n\n{ReportTable.ToMarkdown(report)}\n{report.Dataset}; {report.TotalSeconds:F0} s in total on {report.Device}.\n");

    static void WriteText(string path, string text)
    {
        try
        {
            RunFileWriter.Default.WriteAtomically(path, System.Text.Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (OutputWriteException.IsWriteFailure(e))
        {
            throw new OutputWriteException(path, e);
        }
    }
}
