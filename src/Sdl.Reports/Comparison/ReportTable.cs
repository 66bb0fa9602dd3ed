using System.Globalization;
using System.Text;

namespace Sdl.Reports;

/// <summary>
/// The comparison table: one row per method, the test total correlation first. Its cells and the
/// Markdown rendering need no console library; the Sdl.Reports package draws the same cells on the console.
/// </summary>
internal static class ReportTable
{
    /// <summary>Column headers and cell texts, shared by the Markdown rendering and the console table of Sdl.Reports.</summary>
    public static (IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) Cells(EvaluationReport report)
    {
        var metricNames = report.Methods.SelectMany(m => m.Metrics.Keys).Distinct().ToList();
        var topK = report.Methods.Select(m => m.TopK).Distinct().ToList();
        var headers = new List<string> { "Method", topK.Count == 1 ? $"Test corr. (top {topK[0]})" : "Test corr. (top k)", "Mean corr." };
        headers.AddRange(metricNames);
        headers.AddRange(["Epochs", "Train time", "Parameters"]);
        var rows = report.Methods.Select(m =>
        {
            var row = new List<string>
            {
                m.Method,
                F(m.TestTotalCorrelation, "F2") + (topK.Count == 1 ? "" : $" (k={m.TopK})"),
                F(m.TopK == 0 ? 0 : m.TestTotalCorrelation / m.TopK, "F3"),
            };
            row.AddRange(metricNames.Select(name => m.Metrics.TryGetValue(name, out var v) ? F(v, "F3") : "–"));
            row.Add(m.EpochsRun?.ToString(CultureInfo.InvariantCulture) ?? "–");
            row.Add(m.TrainSeconds is double s ? $"{s:F1} s" : "–");
            row.Add(m.Parameters is long p ? p.ToString("N0", CultureInfo.InvariantCulture) : "–");
            return (IReadOnlyList<string>)row;
        }).ToList();
        return (headers, rows);
    }

    /// <summary>The same table in Markdown, for reports and READMEs.</summary>
    public static string ToMarkdown(EvaluationReport report)
    {
        var (headers, rows) = Cells(report);
        var text = new StringBuilder();
        text.AppendLine($"| {string.Join(" | ", headers)} |");
        text.AppendLine($"|{string.Join("|", headers.Select((_, i) => i == 0 ? "---" : "---:"))}|");
        foreach (var row in rows) text.AppendLine($"| {string.Join(" | ", row)} |");
        return text.ToString();
    }

    static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
