using System.Runtime.InteropServices;

namespace Sdl.Reports;

/// <summary>
/// Puts the terminal back as a live display found it (cursor shown, on a fresh line) when SIGINT,
/// SIGTERM or SIGQUIT ends the process while the display runs; the signal then ends the process as
/// it would have. Normal ends and exceptions are handled by the display itself.
/// </summary>
sealed class TerminalRestore : IDisposable
{
    /// <summary>ANSI: show the cursor, reset colours.</summary>
    const string Restore = "\u001b[?25h\u001b[0m";

    readonly List<PosixSignalRegistration> registrations = [];

    /// <summary>Restores the terminal on those signals until disposed.</summary>
    public static TerminalRestore OnSignals()
    {
        var restore = new TerminalRestore();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            try
            {
                restore.registrations.Add(PosixSignalRegistration.Create(signal, _ => RestoreTerminal()));
            }
            catch (PlatformNotSupportedException) { } // SIGQUIT on Windows: nothing to restore there.
        }
        return restore;
    }

    static void RestoreTerminal()
    {
        Console.Out.Write(Restore);
        Console.Out.WriteLine();
        Console.Out.Flush();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
    }
}
