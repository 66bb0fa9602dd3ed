using System.Globalization;
using ScottPlot;
using Sdl.Runtime.Training;

namespace Sdl.Reports;

/// <summary>
/// PNG figures of a report: learning curves of the trained methods, and the test canonical
/// correlation spectrum of every method. A method has the same colour in both (<see cref="MethodColors"/>),
/// legends sit beside the data rather than on it, and each file is written atomically
/// (<see cref="ReportFiles.WriteBytes"/>): a full disk leaves the previous file, never a 0-byte one.
/// </summary>
public static class ReportPlots
{
    /// <summary>Width of the figures and height of the spectrum, in pixels.</summary>
    public const int Width = 1000, Height = 620;

    /// <summary>Height of the learning curves' score panel and of each method's loss panel.</summary>
    public const int ScorePanelHeight = 420, LossPanelHeight = 240;

    /// <summary>Height in pixels of <see cref="LearningCurves"/> for <paramref name="trainedMethods"/> methods: the score panel and one loss panel each.</summary>
    public static int LearningCurvesHeight(int trainedMethods) => ScorePanelHeight + LossPanelHeight * trainedMethods;

    /// <summary>
    /// The validation score of every trained method per epoch in one panel (comparable across
    /// methods), then one panel per method with its training and validation loss on its own axis:
    /// losses of different objectives have different scales and signs, and one method's first-epoch
    /// spike must not flatten the others' curves.
    /// </summary>
    public static void LearningCurves(EvaluationReport report, string path)
    {
        var trained = report.Methods.Where(m => m.History is { Count: > 0 }).ToList();
        if (trained.Count == 0) throw new ArgumentException("No trained method has a history to plot.", nameof(report));

        var multiplot = new Multiplot();
        multiplot.AddPlots(1 + trained.Count);
        var score = multiplot.GetPlot(0);
        int epochCount = trained.Max(m => m.History!.Count);
        foreach (var (method, index) in trained.Select((m, i) => (m, i)))
        {
            var color = MethodColors.Of(method.Method);
            var history = method.History!;
            var validated = history.Where(h => h.ValidationScore is not null).ToList();
            if (validated.Count > 0)
            {
                var line = score.Add.Scatter(validated.Select(Epoch).ToArray(), validated.Select(h => h.ValidationScore!.Value).ToArray(), color);
                line.LegendText = method.Method;
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }

            var loss = multiplot.GetPlot(1 + index);
            var train = loss.Add.Scatter(history.Select(Epoch).ToArray(), history.Select(h => h.TrainLoss["total"]).ToArray(), color);
            train.LegendText = "training loss";
            train.LineWidth = 2;
            train.MarkerSize = 5;
            var withValidation = history.Where(h => h.ValidationLoss.ContainsKey("total")).ToList();
            if (withValidation.Count > 0)
            {
                var validation = loss.Add.Scatter(withValidation.Select(Epoch).ToArray(), withValidation.Select(h => h.ValidationLoss["total"]).ToArray(), color);
                validation.LegendText = "validation loss";
                validation.LinePattern = LinePattern.Dashed;
                validation.LineWidth = 2;
                validation.MarkerSize = 5;
                validation.MarkerShape = MarkerShape.OpenCircle;
            }
            loss.Title($"{method.Method}: loss ({TermsOf(history)})", size: 13);
            loss.YLabel("loss");
            loss.ShowLegend(Edge.Right);
        }
        var scoreName = trained.SelectMany(m => m.History!).Select(h => h.ValidationScoreName).FirstOrDefault(n => n.Length > 0) ?? "validation score";
        score.Title($"Learning curves: {report.Dataset}");
        score.YLabel(scoreName);
        score.ShowLegend(Edge.Right);
        for (int p = 0; p <= trained.Count; p++)
        {
            var panel = multiplot.GetPlot(p);
            panel.XLabel("epoch");
            panel.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, Math.Ceiling(epochCount / 10.0)));
            panel.Axes.SetLimitsX(0.5, epochCount + 0.5);
        }
        // The score panel taller than each loss panel; every panel the same width, so their epochs line up.
        multiplot.Layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        var grid = (ScottPlot.MultiplotLayouts.CustomGrid)multiplot.Layout;
        int rows = ScorePanelHeight / 20 + trained.Count * (LossPanelHeight / 20);
        grid.Set(score, new GridCell(0, 0, rows, 1, ScorePanelHeight / 20, 1));
        for (int i = 0; i < trained.Count; i++)
            grid.Set(multiplot.GetPlot(1 + i), new GridCell(ScorePanelHeight / 20 + i * (LossPanelHeight / 20), 0, rows, 1, LossPanelHeight / 20, 1));
        // A common right edge for the legends: the longest legend decides.
        float legendWidth = 210;
        for (int p = 0; p <= trained.Count; p++) multiplot.GetPlot(p).Layout.Fixed(new PixelPadding(80, legendWidth, 50, 40));
        ReportFiles.WriteBytes(path, multiplot.Render(Width, LearningCurvesHeight(trained.Count)).GetImageBytes(ImageFormat.Png));
    }

    /// <summary>Test canonical correlation of each component (in training order), one line per method, the legend beside the data.</summary>
    public static void CorrelationSpectrum(EvaluationReport report, string path)
    {
        var plot = new Plot();
        foreach (var method in report.Methods)
        {
            var values = method.TestCorrelations.Take(method.TopK).ToArray();
            var line = plot.Add.Scatter(Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray(), values, MethodColors.Of(method.Method));
            line.LegendText = $"{method.Method}: total {method.TestTotalCorrelation.ToString("F1", CultureInfo.InvariantCulture)}";
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        plot.Title($"Test canonical correlations: {report.Dataset}");
        plot.XLabel("canonical component (ordered by training correlation)");
        plot.YLabel("test correlation");
        int components = report.Methods.Select(m => Math.Min(m.TopK, m.TestCorrelations.Count)).DefaultIfEmpty(1).Max();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, Math.Ceiling(components / 25.0)));
        plot.Axes.SetLimitsY(Math.Min(0, report.Methods.SelectMany(m => m.TestCorrelations).DefaultIfEmpty(0).Min()) - 0.02, 1.02);
        plot.ShowLegend(Edge.Right);
        ReportFiles.WriteBytes(path, plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    static double Epoch(EpochMetrics metrics) => metrics.Epoch + 1;

    /// <summary>"total = distance + sdl(...)" style note of which terms the total sums, from the first epoch's names.</summary>
    static string TermsOf(IReadOnlyList<EpochMetrics> history)
    {
        var terms = history[0].TrainLoss.Keys.Where(k => k != "total").ToList();
        return terms.Count == 0 ? "total" : $"total of {string.Join(" + ", terms)}";
    }
}
