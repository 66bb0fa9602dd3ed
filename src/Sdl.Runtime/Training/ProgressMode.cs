namespace Sdl.Runtime.Training;

/// <summary>How training progress is shown.</summary>
public enum ProgressMode
{
    /// <summary>Live bars on an interactive terminal; plain lines when output is redirected or on CI.</summary>
    Auto,
    /// <summary>Live progress bars (Spectre.Console).</summary>
    Live,
    /// <summary>Plain text lines, suitable for logs.</summary>
    Plain,
    /// <summary>Nothing.</summary>
    Silent,
}
