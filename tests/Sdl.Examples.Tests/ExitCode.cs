namespace Sdl.Examples.Tests;

/// <summary>
/// The exit codes the README promises (Sdl.Examples.CommandLine.ExitCodes), written out here on
/// purpose: a change of the numbers breaks users' scripts, so it must break these tests too.
/// </summary>
static class ExitCode
{
    public const int Success = 0;
    public const int BadInput = 2;
    public const int TrainingFailed = 3;
    public const int OutputFailed = 4;
}
