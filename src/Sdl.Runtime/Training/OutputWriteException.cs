namespace Sdl.Runtime.Training;

/// <summary>
/// A result could not be written (disk full, permission denied, folder removed). Names the file
/// and the system's reason; whatever was written before stays, and an atomic write leaves the
/// previous version of the file in place.
/// </summary>
public sealed class OutputWriteException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> from the system's error <paramref name="inner"/>; <paramref name="consequence"/>, when given, is appended to the message.</summary>
    public OutputWriteException(string path, Exception inner, string? consequence = null)
        : base($"Could not write {path}: {Reason(inner)}.{(consequence is null ? "" : " " + consequence)}", inner)
    {
        FilePath = path;
    }

    /// <summary>The file that could not be written.</summary>
    public string FilePath { get; }

    /// <summary>The system's reason without the temporary file's name that .NET appends (" : '/path/.x.tmp'").</summary>
    static string Reason(Exception e)
    {
        var message = e.Message;
        int path = message.IndexOf(" : '", StringComparison.Ordinal);
        return (path > 0 ? message[..path] : message).TrimEnd('.', ' ');
    }

    /// <summary>True for the exceptions a write can raise through no fault of the program.</summary>
    public static bool IsWriteFailure(Exception e) => e is IOException or UnauthorizedAccessException;
}
