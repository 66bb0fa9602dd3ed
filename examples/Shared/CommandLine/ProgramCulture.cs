using System.Globalization;

namespace Sdl.Examples.CommandLine;

/// <summary>
/// Makes a program read and write every number the same way on every machine. Under a
/// comma-decimal locale (de_DE, tr_TR, ... through LANG or LC_ALL) .NET would otherwise parse
/// <c>--lr 0.001</c> as 1 and write "0,9 s" into reports; options, JSON, Markdown, CSV and logs
/// must not depend on where a program runs.
/// </summary>
public static class ProgramCulture
{
    /// <summary>Sets the invariant culture for the current thread and every thread started later; call it first thing in Main.</summary>
    public static void UseInvariant()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
