namespace Sdl.Runtime.Training;

/// <summary>A checkpoint that cannot be used: unreadable, from another model, or from another setup.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>; the message is the path followed by <paramref name="problem"/>.</summary>
    public CheckpointException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The checkpoint at fault.</summary>
    public string FilePath { get; }
    /// <summary>What is wrong with it, in words.</summary>
    public string Problem { get; }
}
