using ScottPlot;

namespace Sdl.Examples.Experiments;

/// <summary>The figures of the experiments: horizontal bars with error bars, heat maps and line charts.</summary>
public static class Plots
{
    /// <summary>One horizontal bar per method (mean) with its standard deviation as an error bar.</summary>
    public static void BarsWithErrors(string path, string title, IReadOnlyList<(string Label, Summary Value)> rows, string axis)
    {
        var plot = new Plot();
        var bars = rows.Select((r, i) => new Bar
        {
            Position = rows.Count - 1 - i, // first row on top
            Value = r.Value.Mean,
            Error = r.Value.StandardDeviation,
            FillColor = new ScottPlot.Palettes.Category10().GetColor(i),
            Label = r.Value.Count > 1 ? $"{r.Value.Mean:F2} ± {r.Value.StandardDeviation:F2}" : $"{r.Value.Mean:F2}",
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        series.ValueLabelStyle.FontSize = 14;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            bars.Select(b => b.Position).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.15);
        plot.Title(title);
        plot.XLabel(axis);
        plot.SavePng(path, 1100, 120 + 70 * rows.Count);
    }

    /// <summary>A grid of values (rows × columns) as a coloured table with the numbers written in.</summary>
    public static void HeatMap(string path, string title, double[,] values, string[] rowLabels, string[] columnLabels, string rowAxis, string columnAxis)
    {
        var plot = new Plot();
        var heat = plot.Add.Heatmap(values);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heat);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                var text = plot.Add.Text($"{values[r, c]:F2}", c, rows - 1 - r);
                text.LabelFontColor = Colors.White;
                text.LabelFontSize = 16;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, columns).Select(c => (double)c).ToArray(), columnLabels);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), rowLabels);
        plot.Title(title);
        plot.XLabel(columnAxis);
        plot.YLabel(rowAxis);
        plot.SavePng(path, 900, 700);
    }

    /// <summary>One line per series (for example validation score per epoch, or correlation per component).</summary>
    public static void Lines(string path, string title, IReadOnlyList<(string Label, double[] X, double[] Y)> series, string xLabel, string yLabel, Alignment legend = Alignment.LowerRight)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var ((label, x, y), index) in series.Select((s, i) => (s, i)))
        {
            var line = plot.Add.Scatter(x, y, palette.GetColor(index));
            line.LegendText = label;
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        plot.SavePng(path, 1000, 620);
    }

    /// <summary>
    /// A panel per group (stacked), one line per method in its project colour (<see cref="Sdl.Reports.MethodColors"/>),
    /// and a dashed horizontal line at each panel's target when it is finite.
    /// </summary>
    public static void Panels(string path, string title, IReadOnlyList<(string Title, double Target, IReadOnlyList<(string Label, double[] X, double[] Y)> Series)> panels, string xLabel, string yLabel)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(Math.Max(1, panels.Count));
        foreach (var ((panelTitle, target, series), index) in panels.Select((p, i) => (p, i)))
        {
            var plot = multiplot.GetPlot(index);
            foreach (var (label, x, y) in series)
            {
                // Points a failed run could not score (NaN) are left out rather than breaking the line's scale.
                var kept = x.Zip(y).Where(p => double.IsFinite(p.Second)).ToArray();
                if (kept.Length == 0) continue;
                var line = plot.Add.Scatter(kept.Select(p => p.First).ToArray(), kept.Select(p => p.Second).ToArray(), Sdl.Reports.MethodColors.Of(label));
                line.LegendText = label;
                line.LineWidth = 2;
                line.MarkerSize = 5;
            }
            if (double.IsFinite(target))
            {
                var level = plot.Add.HorizontalLine(target);
                level.Color = Colors.Gray;
                level.LinePattern = LinePattern.Dashed;
            }
            plot.Title(index == 0 ? $"{title}\n{panelTitle}" : panelTitle);
            plot.XLabel(xLabel);
            plot.YLabel(yLabel);
            plot.ShowLegend(Alignment.LowerRight);
        }
        multiplot.SavePng(path, 1000, 120 + 380 * Math.Max(1, panels.Count));
    }
}
