using Spectre.Console;

namespace Sdl.Runtime.Reports;

/// <summary>Console output of reports that stays readable when redirected to a file or a CI log.</summary>
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
        AnsiConsole.Write(ReportTable.ToTable(report));
    }
}
