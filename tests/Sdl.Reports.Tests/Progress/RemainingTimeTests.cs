using Sdl.Runtime.Training.Progress;

namespace Sdl.Reports.Tests.Progress;

/// <summary>The remaining time shown by the live bars and the plain lines: days do not wrap, and an absurd run does not overflow.</summary>
public class RemainingTimeTests
{
    [Theory]
    [InlineData(90, "01:30")]
    [InlineData(3 * 3600 + 5, "3:00:05")]
    [InlineData(26 * 3600 + 61, "1d 02:01:01")]
    [InlineData(400 * 86400.0, "400d 00:00:00")]
    public void Durations_KeepTheirDays(double seconds, string expected) =>
        Assert.Equal(expected, TrainingProgress.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void EpochsAtIntMaxValue_GiveAnEtaThatNeitherWrapsNorOverflows()
    {
        // --epochs 2147483647 with 9 steps per epoch, one step done in 10 s: about 2.2 million days.
        var step = new StepProgress(0, int.MaxValue, 0, 9, RunStep: 1, RunSteps: 9L * int.MaxValue, new Dictionary<string, double>(), 100, TimeSpan.FromSeconds(10));
        Assert.True(step.EstimatedRemaining > TimeSpan.FromDays(2_000_000));
        Assert.Equal("more than 10,000 days", TrainingProgress.FormatDuration(step.EstimatedRemaining));

        // Slower steps take it past what a TimeSpan can hold (TimeSpan.FromSeconds would throw): capped.
        var slow = step with { Elapsed = TimeSpan.FromSeconds(1000) };
        Assert.Equal(TimeSpan.MaxValue, slow.EstimatedRemaining);
        Assert.Equal("more than 10,000 days", TrainingProgress.FormatDuration(slow.EstimatedRemaining));
    }
}
