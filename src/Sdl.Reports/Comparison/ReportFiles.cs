using System.Text.Json;
using System.Text.Json.Serialization;
using Sdl.Runtime.Training;

namespace Sdl.Reports;

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
        WriteText(path, $"# {report.Title}\n\n{ReportTable.ToMarkdown(report)}\n{report.Dataset}; {report.TotalSeconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)} s in total on {report.Device}.\n");

    /// <summary>
    /// Writes any result file (a PNG, a table) the way the reports are written: a temporary file
    /// beside <paramref name="path"/>, flushed to disk and renamed over it, so a full disk or a kill
    /// leaves the previous file whole (never a 0-byte file); a failure is an <see cref="OutputWriteException"/>
    /// naming the file. Every result file of the project goes through here.
    /// </summary>
    public static void WriteBytes(string path, ReadOnlySpan<byte> bytes)
    {
        try
        {
            (Writer.Value ?? RunFileWriter.Default).WriteAtomically(path, bytes);
        }
        catch (Exception e) when (OutputWriteException.IsWriteFailure(e))
        {
            throw new OutputWriteException(path, e);
        }
    }

    /// <summary>Tests: the writer of this async flow (one whose stream fails as a full disk would); null for the default.</summary>
    internal static readonly AsyncLocal<RunFileWriter?> Writer = new();

    static void WriteText(string path, string text) => WriteBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
