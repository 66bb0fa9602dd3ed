using Sdl.Examples.CommandLine;
using Sdl.Runtime.Data;
using Sdl.Runtime.Training;

namespace Sdl.Examples.Tests.CommandLine;

/// <summary>The one error path: expected exceptions are one line and a distinct exit code; unexpected ones keep their trace.</summary>
public class ErrorExitTests
{
    static (int Code, string[] Lines) Run(Exception error, bool verbose = false)
    {
        var output = new StringWriter();
        int code = ErrorExit.Run(() => throw error, verbose, output);
        return (code, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ExpectedExceptions_AreOneLine_WithTheExitCodeOfTheirKind()
    {
        var (code, lines) = Run(new OptionException("--lr must be > 0."));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: --lr must be > 0."], lines);
        Assert.Equal(ExitCodes.BadInput, Run(new DataFileException("/data/x.gz", "truncated.")).Code);
        Assert.Equal(ExitCodes.BadInput, Run(new CheckpointException("last.ckpt", "damaged.")).Code);
        Assert.Equal(ExitCodes.BadInput, Run(new TrainingSetupException("folder holds a run")).Code);
        Assert.Equal(ExitCodes.TrainingFailed, Run(new NonFiniteLossException("total", double.NaN, 0, 1, 1, null)).Code);
        Assert.Equal(ExitCodes.TrainingFailed, Run(new NonFiniteMetricException("validation score", double.NaN, 0, null)).Code);
        Assert.Equal(ExitCodes.OutputFailed, Run(new OutputWriteException("report.json", new IOException("No space left on device"))).Code);
        var distinct = new[] { ExitCodes.Success, ExitCodes.Unexpected, ExitCodes.BadInput, ExitCodes.TrainingFailed, ExitCodes.OutputFailed };
        Assert.Equal(distinct.Length, distinct.Distinct().Count());
    }

    [Fact]
    public void AListOfProblems_IsJoinedIntoOneLine()
    {
        var (code, lines) = Run(new DataShapeException($"Model 'M' cannot be trained on the training data (d):{Environment.NewLine}  - view 'Left' takes 392{Environment.NewLine}  - view 'Right' takes 392"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: Model 'M' cannot be trained on the training data (d): - view 'Left' takes 392 - view 'Right' takes 392"], lines);
    }

    [Fact]
    public void Verbose_AddsTheTrace()
    {
        var (_, lines) = Run(new TrainingSetupException("nothing to resume"), verbose: true);
        Assert.Equal("error: nothing to resume", lines[0]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at Sdl.Examples.Tests.CommandLine.ErrorExitTests"));
    }

    [Fact]
    public void UnexpectedException_KeepsItsTrace_AndExitCode1()
    {
        var (code, lines) = Run(new InvalidOperationException("a bug"));
        Assert.Equal(ExitCodes.Unexpected, code);
        Assert.Equal("error (unexpected; please report it with the trace below): a bug", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("System.InvalidOperationException: a bug"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("at "));
    }
}
