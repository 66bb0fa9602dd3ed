using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;

namespace Sdl.Reports.Tests.Progress;

/// <summary>
/// The seam between Sdl.Runtime's <see cref="ProgressMode"/> and this package's live bars. The hook is
/// process-wide, so every test that sets it is in this one class (xunit runs a class's tests one at a time).
/// </summary>
public sealed class LiveProgressTests : IDisposable
{
    public void Dispose() => LiveProgress.Disable();

    [Fact]
    public void Enabled_LiveModeGivesTheLiveBars()
    {
        LiveProgress.Enable();
        Assert.IsType<LiveTrainingProgress>(TrainingProgress.Create(ProgressMode.Live));
    }

    [Fact]
    public void Enabled_AutoModeGivesLiveBarsOnlyOnAnInteractiveTerminal()
    {
        LiveProgress.Enable();
        var display = TrainingProgress.Create(ProgressMode.Auto, TextWriter.Null);
        // Under a test runner the output is redirected, so this is the plain branch; on a terminal, the live one.
        Assert.IsType(TrainingProgress.IsInteractive() ? typeof(LiveTrainingProgress) : typeof(PlainTrainingProgress), display);
    }

    [Fact]
    public void Disabled_LiveModeIsRefusedAgain()
    {
        LiveProgress.Enable();
        LiveProgress.Disable();
        Assert.Throws<InvalidOperationException>(() => TrainingProgress.Create(ProgressMode.Live));
        Assert.IsType<PlainTrainingProgress>(TrainingProgress.Create(ProgressMode.Plain, TextWriter.Null));
    }

    [Fact]
    public void LiveBars_RunTheTrainingTheyWrap()
    {
        bool ran = false;
        new LiveTrainingProgress().Run("test", 3, () => ran = true);
        Assert.True(ran);
    }
}
