namespace Sdl.Runtime.Data;

/// <summary>
/// A data file that cannot be used: missing, not IDX, truncated, or inconsistent with its partner
/// file. The message names the file and the problem, so a user can fix the data, not the code.
/// </summary>
public sealed class DataFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>; the message is the path followed by <paramref name="problem"/>.</summary>
    public DataFileException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, in words.</summary>
    public string Problem { get; }
}
