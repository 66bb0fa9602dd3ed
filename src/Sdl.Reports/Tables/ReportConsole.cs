using Spectre.Console;

namespace Sdl.Reports;

/// <summary>
/// The comparison table of a report on the console (Spectre.Console), readable when redirected to a
/// file or a CI log. Its cells come from <see cref="ReportTable.Cells"/>, which the Markdown report shares.
/// </summary>
public static class ReportConsole
{
    /// <summary>Width assumed for redirected output: wide enough for the comparison table's columns.</summary>
    public const int RedirectedWidth = 140;

    /// <summary>
    /// Redirected output has no width, and Spectre.Console then assumes 80 columns and wraps every
    /// cell of a wide table; give it <see cref="RedirectedWidth"/> instead. Interactive terminals keep their own width.
    /// </summary>
    public static void UseWideLayoutWhenRedirected()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = RedirectedWidth;
    }

    /// <summary>Prints the comparison table of <paramref name="report"/>.</summary>
    public static void Print(EvaluationReport report)
    {
        UseWideLayoutWhenRedirected();
        AnsiConsole.Write(ToTable(report));
    }

    /// <summary>A Spectre.Console table (it degrades to plain box drawing when output is redirected).</summary>
    public static Table ToTable(EvaluationReport report)
    {
        var (headers, rows) = ReportTable.Cells(report);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(report.Title));
        foreach (var (header, index) in headers.Select((h, i) => (h, i)))
            table.AddColumn(new TableColumn(Markup.Escape(header)) { Alignment = index == 0 ? Justify.Left : Justify.Right });
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        table.Caption(Markup.Escape($"{report.Dataset}: {report.TrainSamples:N0} train / {report.ValidationSamples:N0} validation / {report.TestSamples:N0} test; " +
                                    "linear CCA fitted on training embeddings, correlations measured on test"));
        return table;
    }
}
