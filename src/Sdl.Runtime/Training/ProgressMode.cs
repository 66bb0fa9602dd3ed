namespace Sdl.Runtime.Training;

/// <summary>
/// How training progress is shown. Sdl.Runtime itself writes plain lines; live bars come from the
/// Sdl.Reports package (<c>Sdl.Reports.LiveProgress.Enable()</c>), so that a program without a console
/// display does not carry Spectre.Console.
/// </summary>
public enum ProgressMode
{
    /// <summary>
    /// Live bars on an interactive terminal when a live display is enabled (Sdl.Reports); plain lines
    /// otherwise: when output is redirected, on CI, or when only Sdl.Runtime is referenced.
    /// </summary>
    Auto,
    /// <summary>
    /// Live progress bars, always. Needs a live display (reference Sdl.Reports and call
    /// <c>LiveProgress.Enable()</c>); without one the trainer refuses to start, rather than silently showing something else.
    /// </summary>
    Live,
    /// <summary>Plain text lines, suitable for logs.</summary>
    Plain,
    /// <summary>Nothing.</summary>
    Silent,
}
