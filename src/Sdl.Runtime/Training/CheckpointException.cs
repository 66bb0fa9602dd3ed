namespace Sdl.Runtime.Training;

/// <summary>A checkpoint that cannot be used: unreadable, from another model, or from another setup.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    public string FilePath { get; }
    public string Problem { get; }
}
