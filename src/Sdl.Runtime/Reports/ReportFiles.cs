using System.Text.Json;
using System.Text.Json.Serialization;

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

    public static void WriteJson(EvaluationReport report, string path) => File.WriteAllText(path, JsonSerializer.Serialize(report, Json));

    public static EvaluationReport ReadJson(string path) =>
        JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty report.");

    public static void WriteMarkdown(EvaluationReport report, string path) =>
        File.WriteAllText(path, $"# {report.Title}\n\n{ReportTable.ToMarkdown(report)}\n{report.Dataset}; {report.TotalSeconds:F0} s in total on {report.Device}.\n");
}
