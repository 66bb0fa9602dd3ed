using ScottPlot;
using Sdl.Runtime.Reports;

namespace Sdl.Reports;

/// <summary>PNG figures of a report: learning curves of the trained methods, and the test canonical correlation spectrum of every method.</summary>
public static class ReportPlots
{
    /// <summary>Size of the figures in pixels (the learning curves are 300 pixels taller, for their second panel).</summary>
    public const int Width = 1000, Height = 620;

    /// <summary>
    /// Two panels: validation total correlation per epoch (comparable across methods), and each
    /// method's training loss relative to its first epoch (losses of different objectives have different scales).
    /// </summary>
    public static void LearningCurves(EvaluationReport report, string path)
    {
        var trained = report.Methods.Where(m => m.History is { Count: > 0 }).ToList();
        if (trained.Count == 0) throw new ArgumentException("No trained method has a history to plot.", nameof(report));

        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        var score = multiplot.GetPlot(0);
        var loss = multiplot.GetPlot(1);
        foreach (var (method, index) in trained.Select((m, i) => (m, i)))
        {
            var color = Palette(index);
            var epochs = method.History!.Select(h => (double)(h.Epoch + 1)).ToArray();
            var validated = method.History!.Where(h => h.ValidationScore is not null).ToList();
            if (validated.Count > 0)
            {
                var line = score.Add.Scatter(validated.Select(h => (double)(h.Epoch + 1)).ToArray(), validated.Select(h => h.ValidationScore!.Value).ToArray(), color);
                line.LegendText = method.Method;
                line.LineWidth = 2;
                line.MarkerSize = 6;
            }
            var totals = method.History!.Select(h => h.TrainLoss["total"]).ToArray();
            double first = Math.Abs(totals[0]) > 1e-12 ? Math.Abs(totals[0]) : 1;
            var curve = loss.Add.Scatter(epochs, totals.Select(t => t / first).ToArray(), color);
            curve.LegendText = $"{method.Method} (epoch-1 loss {totals[0]:G3})";
            curve.LineWidth = 2;
            curve.MarkerSize = 6;
        }
        var scoreName = trained.SelectMany(m => m.History!).Select(h => h.ValidationScoreName).FirstOrDefault(n => n.Length > 0) ?? "validation score";
        score.Title($"Learning curves: {report.Dataset}");
        score.XLabel("epoch");
        score.YLabel(scoreName);
        score.ShowLegend(Alignment.LowerRight);
        int epochCount = trained.Max(m => m.History!.Count);
        foreach (var panel in new[] { score, loss })
            panel.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(Math.Max(1, Math.Ceiling(epochCount / 10.0)));
        loss.XLabel("epoch");
        loss.YLabel("training loss ÷ |epoch-1 loss|");
        loss.ShowLegend(Alignment.UpperRight);
        multiplot.SavePng(path, Width, Height + 300);
    }

    /// <summary>Test canonical correlation of each component (in training order), one line per method.</summary>
    public static void CorrelationSpectrum(EvaluationReport report, string path)
    {
        var plot = new Plot();
        foreach (var (method, index) in report.Methods.Select((m, i) => (m, i)))
        {
            var values = method.TestCorrelations.Take(method.TopK).ToArray();
            var line = plot.Add.Scatter(Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray(), values, Palette(index));
            line.LegendText = $"{method.Method}: total {method.TestTotalCorrelation:F1}";
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        plot.Title($"Test canonical correlations: {report.Dataset}");
        plot.XLabel("canonical component (ordered by training correlation)");
        plot.YLabel("test correlation");
        plot.Axes.SetLimitsY(Math.Min(0, report.Methods.SelectMany(m => m.TestCorrelations).DefaultIfEmpty(0).Min()) - 0.02, 1.02);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    static Color Palette(int index) => new ScottPlot.Palettes.Category10().GetColor(index);
}
