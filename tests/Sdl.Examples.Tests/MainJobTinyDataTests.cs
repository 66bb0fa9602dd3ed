namespace Sdl.Examples.Tests;

/// <summary>
/// Data too small for what is asked: one line and the bad-input exit code before the baseline or
/// any training, never a crash after some methods trained. (Before: 0 or 5 images crashed as
/// "unexpected"; with 30 images DCCA-EY crashed on a 3-sample validation batch after two methods
/// had trained; a batch larger than the training set was refused only after the linear baseline.)
/// </summary>
public class MainJobTinyDataTests : IDisposable
{
    readonly string output = Path.Combine(Path.GetTempPath(), "sdl-job-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    }

    static void AssertRefusedBeforeAnyWork(MainJobRun run, string expectedStart, string output)
    {
        Assert.True(run.ExitCode == ExitCode.BadInput, run.ToString());
        Assert.StartsWith(expectedStart, run.FirstErrorLine);
        Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Linear CCA", run.StandardOutput);
        Assert.DoesNotContain("steps to run", run.StandardOutput);
        Assert.Empty(Directory.GetDirectories(output)); // no method folder: nothing trained
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void TooFewImagesToSplit_IsOneLine(int images)
    {
        using var data = new TinyImageData(train: images, test: images);
        var run = MainJobRun.Start("--data", data.Directory, "--embedding", "4", "--batch-size", "6", "--epochs", "1", "--output", output, "--device", "cpu");

        Assert.True(run.ExitCode == ExitCode.BadInput, run.ToString());
        Assert.StartsWith("error: ", run.FirstErrorLine);
        Assert.DoesNotContain("unexpected", run.StandardError);
        Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Linear CCA", run.StandardOutput);
    }

    [Fact]
    public void ThirtyImages_TooFewForDccaEyValidationBatches_AreRefusedBeforeAnyMethodTrains()
    {
        // 30 images, the embedded-style split (no t10k pair): 21 train / 3 validation / 6 test.
        using var data = new TinyImageData(train: 30, test: 0, withTestSet: false);
        var run = MainJobRun.Start("--data", data.Directory, "--embedding", "4", "--batch-size", "6", "--epochs", "2", "--output", output, "--device", "cpu");

        AssertRefusedBeforeAnyWork(run, "error: The data ", output);
        Assert.Contains("DCCA-EY (validation): DCCA-EY compares the covariances of two halves of each batch", run.FirstErrorLine);
        Assert.Contains("the batch size is 3", run.FirstErrorLine);
    }

    [Fact]
    public void ValidationSetNoLargerThanTheEmbedding_IsRefused()
    {
        // 26 validation samples cannot estimate 30 correlations (a negative "total" on a few samples once counted as an improvement).
        using var data = new TinyImageData();
        var run = MainJobRun.Start("--data", data.Directory, "--objective", "softcca", "--embedding", "30", "--batch-size", "32", "--epochs", "1", "--output", output, "--device", "cpu");

        AssertRefusedBeforeAnyWork(run, "error: The data is too small for this run (", output);
        Assert.Contains("the validation set needs more than 30 samples for --embedding 30", run.FirstErrorLine);
    }

    [Fact]
    public void BatchLargerThanTheTrainingSet_IsRefusedBeforeTheLinearBaseline()
    {
        using var data = new TinyImageData();
        var run = MainJobRun.Start("--data", data.Directory, "--embedding", "10", "--batch-size", "7001", "--epochs", "1", "--output", output, "--device", "cpu");

        AssertRefusedBeforeAnyWork(run, "error: The data is too small for this run (", output);
        Assert.Contains("--batch-size 7001 is larger than the ", run.FirstErrorLine);
    }
}
