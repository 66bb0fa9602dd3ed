namespace Sdl.Runtime.Training;

/// <summary>
/// A result could not be written (disk full, permission denied, folder removed). Names the file
/// and the system's reason; whatever was written before stays, and an atomic write leaves the
/// previous version of the file in place.
/// </summary>
public sealed class OutputWriteException : Exception
{
    public OutputWriteException(string path, Exception inner, string? consequence = null)
        : base($"Could not write {path}: {inner.Message.TrimEnd('.')}.{(consequence is null ? "" : " " + consequence)}", inner)
    {
        FilePath = path;
    }

    public string FilePath { get; }

    /// <summary>True for the exceptions a write can raise through no fault of the program.</summary>
    public static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException;
}
