using Sdl.Runtime.Data;
using Sdl.Runtime.Training;

namespace Sdl.Examples.CommandLine;

/// <summary>
/// The one error path of a program built on Sdl.Runtime: the library's expected exceptions become
/// one line on standard error and an exit code (<see cref="ExitCodes"/>); the stack trace is
/// printed only with <c>--verbose</c>. Unexpected exceptions always show their trace.
/// </summary>
public static class ErrorExit
{
    /// <summary>The exit code of an expected exception; null for an unexpected one.</summary>
    public static int? ExitCodeOf(Exception e) => e switch
    {
        DataFileException or DataShapeException or CheckpointException or TrainingSetupException or OptionException => ExitCodes.BadInput,
        NonFiniteLossException or NonFiniteMetricException or TrainingDivergedException => ExitCodes.TrainingFailed,
        OutputWriteException => ExitCodes.OutputFailed,
        _ => null,
    };

    /// <summary>
    /// Runs <paramref name="program"/> and turns any exception into a message and an exit code. It
    /// first sets the invariant culture (<see cref="ProgramCulture.UseInvariant"/>), so every program
    /// that runs through here writes and reads its numbers the same way under any locale.
    /// </summary>
    public static int Run(Func<int> program, bool verbose, TextWriter? error = null)
    {
        ProgramCulture.UseInvariant();
        error ??= Console.Error;
        try
        {
            return program();
        }
        catch (Exception e) when (ExitCodeOf(e) is int code)
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            if (verbose) error.WriteLine(e.ToString());
            return code;
        }
        catch (Exception e)
        {
            error.WriteLine($"error (unexpected; please report it with the trace below): {OneLine(e.Message)}");
            error.WriteLine(e.ToString());
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>Joins a message's lines (a list of problems) into one.</summary>
    public static string OneLine(string message) =>
        string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
