using Sdl.Runtime.Reports;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Reports;

public class ReportTests
{
    static EvaluationReport SampleReport()
    {
        var random = new Random(3);
        EpochMetrics Epoch(int e, double loss, double score) => new()
        {
            Epoch = e, TrainLoss = new Dictionary<string, double> { ["total"] = loss, ["distance"] = loss * 0.8 },
            ValidationScore = score, ValidationScoreName = "validation total correlation (top 5)", Seconds = 1.5,
        };
        return new EvaluationReport
        {
            Title = "Total canonical correlation on test (top 5)",
            Dataset = "synthetic views",
            TrainSamples = 700, ValidationSamples = 100, TestSamples = 200,
            Device = "cpu (2 threads)",
            TotalSeconds = 12.5,
            Methods =
            [
                new MethodResult { Method = "Linear CCA (raw views)", TopK = 5, TestTotalCorrelation = 2.5, TestCorrelations = [0.9, 0.7, 0.5, 0.3, 0.1] },
                new MethodResult
                {
                    Method = "Soft CCA (SDL)", TopK = 5, TestTotalCorrelation = 3.25,
                    TestCorrelations = Enumerable.Range(0, 5).Select(i => 0.95 - 0.1 * i + 0.01 * random.NextDouble()).ToArray(),
                    Metrics = new Dictionary<string, double> { ["R@1 left→right"] = 0.4125 },
                    TrainSeconds = 9.75, EpochsRun = 3, Parameters = 12345,
                    History = [Epoch(0, 10, 2.0), Epoch(1, 6, 2.9), Epoch(2, 5, 3.1)],
                },
            ],
        };
    }

    [Fact]
    public void Table_HasOneRowPerMethod_WithTheNumbers()
    {
        var (headers, rows) = ReportTable.Cells(SampleReport());

        Assert.Equal(["Method", "Test corr. (top 5)", "Mean corr.", "R@1 left→right", "Epochs", "Train time", "Parameters"], headers);
        Assert.Equal(["Linear CCA (raw views)", "2.50", "0.500", "–", "–", "–", "–"], rows[0]);
        Assert.Equal(["Soft CCA (SDL)", "3.25", "0.650", "0.412", "3", "9.8 s", "12,345"], rows[1]);
        var markdown = ReportTable.ToMarkdown(SampleReport());
        Assert.Contains("| Soft CCA (SDL) | 3.25 | 0.650 | 0.412 | 3 | 9.8 s | 12,345 |", markdown);
    }

    [Fact]
    public void Json_RoundTripsTheReport()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sdl-report-{Guid.NewGuid():N}.json");
        try
        {
            var report = SampleReport();
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
