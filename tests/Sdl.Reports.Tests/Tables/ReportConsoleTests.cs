using Sdl.Reports.Tests.Comparison;
using Spectre.Console;

namespace Sdl.Reports.Tests.Tables;

public class ReportConsoleTests
{
    [Fact]
    public void Table_ShowsTheSameCellsAsTheMarkdownReport()
    {
        var report = SampleReports.TwoMethods();
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = ReportConsole.RedirectedWidth;

        console.Write(ReportConsole.ToTable(report));

        var text = output.ToString();
        Assert.Contains(report.Title, text);
        var (headers, rows) = ReportTable.Cells(report);
        foreach (var cell in headers.Concat(rows.SelectMany(r => r)))
            Assert.Contains(cell, text);
        // One line per method row: at the redirected width no cell wraps.
        Assert.Single(text.Split('\n'), line => line.Contains("Soft CCA (SDL)") && line.Contains("3.25") && line.Contains("12,345"));
    }
}
