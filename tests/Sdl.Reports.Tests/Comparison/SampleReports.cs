using Sdl.Runtime.Training;

namespace Sdl.Reports.Tests.Comparison;

/// <summary>
/// A small report with one untrained and one trained method (history included), for the renderings.
/// </summary>
static class SampleReports
{
    public static EvaluationReport TwoMethods()
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
}
