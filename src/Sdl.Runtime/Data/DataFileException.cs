namespace Sdl.Runtime.Data;

/// <summary>
/// A data file that cannot be used: missing, not IDX, truncated, or inconsistent with its partner
/// file. The message names the file and the problem, so a user can fix the data, not the code.
/// </summary>
public sealed class DataFileException : Exception
{
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
