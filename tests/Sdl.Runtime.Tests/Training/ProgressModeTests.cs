using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// Sdl.Runtime alone has no live display (that is Sdl.Reports): these pin what each mode gives then.
/// Nothing in this test assembly sets <see cref="TrainingProgress.LiveDisplay"/>, so the state they read is the default.
/// </summary>
public class ProgressModeTests
{
    [Fact]
    public void Live_WithoutALiveDisplay_IsRefusedWithAMessageNamingSdlReports()
    {
        Assert.Null(TrainingProgress.LiveDisplay);
        var error = Assert.Throws<InvalidOperationException>(() => TrainingProgress.Create(ProgressMode.Live));
        Assert.Contains("Sdl.Reports", error.Message);
        Assert.Contains("LiveProgress.Enable()", error.Message);
    }

    [Fact]
    public void Live_WithoutALiveDisplay_StopsTheTrainerBeforeAnyWork() =>
        Assert.Throws<InvalidOperationException>(() => new Trainer(TrainingFixtures.Options(null, epochs: 1) with { Progress = ProgressMode.Live }));

    [Theory]
    [InlineData(ProgressMode.Auto, typeof(PlainTrainingProgress))]
    [InlineData(ProgressMode.Plain, typeof(PlainTrainingProgress))]
    [InlineData(ProgressMode.Silent, typeof(SilentTrainingProgress))]
    public void OtherModes_NeedNoLiveDisplay(ProgressMode mode, Type expected) =>
        Assert.IsType(expected, TrainingProgress.Create(mode, TextWriter.Null));
}
