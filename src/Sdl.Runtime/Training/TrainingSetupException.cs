namespace Sdl.Runtime.Training;

/// <summary>
/// Training cannot start as asked: an option out of range, an output folder that cannot be
/// written, a folder that already holds a run (and neither resuming nor starting over was asked
/// for), or a resume with nothing to resume. Raised before any work, with what to change.
/// </summary>
public sealed class TrainingSetupException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> says what to change.</summary>
    public TrainingSetupException(string message, Exception? inner = null) : base(message, inner) { }
}
