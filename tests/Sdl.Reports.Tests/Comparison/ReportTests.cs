namespace Sdl.Reports.Tests.Comparison;

/// <summary>The comparison report model: its table cells and Markdown, and the JSON round trip.</summary>
public class ReportTests
{
    [Fact]
    public void Table_HasOneRowPerMethod_WithTheNumbers()
    {
        var (headers, rows) = ReportTable.Cells(SampleReports.TwoMethods());

        Assert.Equal(["Method", "Test corr. (top 5)", "Mean corr.", "R@1 left→right", "Epochs", "Train time", "Parameters"], headers);
        Assert.Equal(["Linear CCA (raw views)", "2.50", "0.500", "–", "–", "–", "–"], rows[0]);
        Assert.Equal(["Soft CCA (SDL)", "3.25", "0.650", "0.412", "3", "9.8 s", "12,345"], rows[1]);
        var markdown = ReportTable.ToMarkdown(SampleReports.TwoMethods());
        Assert.Contains("| Soft CCA (SDL) | 3.25 | 0.650 | 0.412 | 3 | 9.8 s | 12,345 |", markdown);
    }

    [Fact]
    public void Json_RoundTripsTheReport()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sdl-report-{Guid.NewGuid():N}.json");
        try
        {
            var report = SampleReports.TwoMethods();
            ReportFiles.WriteJson(report, path);
            var back = ReportFiles.ReadJson(path);

            Assert.Equal(report.Methods.Select(m => m.TestTotalCorrelation), back.Methods.Select(m => m.TestTotalCorrelation));
            Assert.Equal(report.Methods[1].TestCorrelations, back.Methods[1].TestCorrelations);
            Assert.Equal(6, back.Methods[1].History![1].TrainLoss["total"]);
            Assert.Contains("\"testTotalCorrelation\": 3.25", File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }
}
