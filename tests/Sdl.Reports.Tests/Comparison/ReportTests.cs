using Sdl.Runtime.Reports;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Reports;

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

    [Fact]
    public void CorrelationEvaluation_FindsPerfectAndAbsentCorrelation()
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(11);
        var shared = randn([600, 3], generator: generator, dtype: float64);
        var mix = randn([3, 3], generator: generator, dtype: float64);
        // View 2 is an invertible linear map of view 1: every canonical correlation is 1.
        var (perfect, perfectTotal, k) = CorrelationEvaluation.Evaluate(shared[..400], shared[..400].matmul(mix), shared[400..], shared[400..].matmul(mix), topK: 3);
        Assert.Equal(3, k);
        Assert.All(perfect, c => Assert.InRange(c, 0.999, 1.0 + 1e-9));
        Assert.InRange(perfectTotal, 2.997, 3.0 + 1e-9);
        // Independent views: test correlations near 0 (sampling noise ~ 1/sqrt(200)).
        var other = randn([600, 3], generator: generator, dtype: float64);
        var (_, independentTotal, _) = CorrelationEvaluation.Evaluate(shared[..400], other[..400], shared[400..], other[400..], topK: 3);
        Assert.InRange(Math.Abs(independentTotal), 0, 0.5);
    }
}
