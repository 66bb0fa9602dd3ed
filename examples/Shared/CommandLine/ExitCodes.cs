namespace Sdl.Examples.CommandLine;

/// <summary>The exit codes of the example programs: a script can tell bad input from a failed training.</summary>
public static class ExitCodes
{
    /// <summary>The run completed and its results were written.</summary>
    public const int Success = 0;
    /// <summary>A bug or an unforeseen condition: the message is followed by the stack trace.</summary>
    public const int Unexpected = 1;
    /// <summary>Bad input, found before any work: options, paths, data files, a data set that does not fit the model, an existing run, an unusable checkpoint.</summary>
    public const int BadInput = 2;
    /// <summary>Training or evaluation failed: a loss or a metric became NaN or infinite.</summary>
    public const int TrainingFailed = 3;
    /// <summary>A result or checkpoint could not be written (disk full, permission denied); what was computed before is kept (the main job prints its table before writing files).</summary>
    public const int OutputFailed = 4;
}
