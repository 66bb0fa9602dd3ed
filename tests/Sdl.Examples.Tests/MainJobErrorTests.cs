

namespace Sdl.Examples.Tests;

/// <summary>
/// The main job's answers to bad input and failures, as a user sees them: the first line printed
/// and the exit code. Tiny data and one short epoch keep each run to a few seconds.
/// </summary>
public class MainJobErrorTests : IDisposable
{
    readonly string output = Path.Combine(Path.GetTempPath(), "sdl-job-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    }

    /// <summary>The smallest real run: Soft CCA, embedding 10, one epoch on the tiny data.</summary>
    static string[] Tiny(string data, string output, params string[] more) => Tiny(data, output, epochs: 1, more);

    static string[] Tiny(string data, string output, int epochs, params string[] more) =>
        ["--data", data, "--objective", "softcca", "--embedding", "10", "--epochs", epochs.ToString(), "--batch-size", "32", "--output", output, "--device", "cpu", .. more];

    [Theory]
    [InlineData("--lr", "NaN", "error: --lr must be a finite number > 0 that float32 can hold (about 1e-45 to 3e38); it is NaN.")]
    [InlineData("--lr", "1e300", "error: --lr must be a finite number > 0 that float32 can hold (about 1e-45 to 3e38); it is 1E+300.")]
    [InlineData("--lr", "-0.001", "error: --lr must be a finite number > 0 that float32 can hold (about 1e-45 to 3e38); it is -0.001.")]
    [InlineData("--patience", "0", "error: --patience must be at least 1; it is 0.")]
    [InlineData("--warmup", "60", "error: --warmup must be ≥ 0 and below --epochs (60); it is 60.")]
    [InlineData("--warmup", "-0.5", "error: --warmup must be ≥ 0 and below --epochs (60); it is -0.5.")]
    [InlineData("--schedule", "7", "error: --schedule must be Constant, Cosine or StepDecay; it is 7.")]
    [InlineData("--epochs", "0", "error: --epochs must be at least 1; it is 0.")]
    [InlineData("--embedding", "1", "error: --embedding: an embedding needs at least 2 features to be correlated and decorrelated; it is 1.")]
    [InlineData("--batch-size", "1", "error: --batch-size must be at least 2 (batch statistics need two samples); it is 1.")]
    [InlineData("--output", "", "error: --output is empty: give the folder for the report, plots and checkpoints.")]
    [InlineData("--data", " ", "error: --data is empty: give a folder of IDX files, or leave the option out for the embedded MNIST digits.")]
    [InlineData("--epochs", "ten", "error: Cannot parse argument 'ten' for option '--epochs' as expected type 'System.Int32'.")]
    public void OutOfRangeOption_IsOneLine_BadInput_BeforeAnyWork(string option, string value, string expected)
    {
        var run = MainJobRun.Start(option == "--output" ? ["--output", value] : ["--output", output, option, value]);

        Assert.True(ExitCode.BadInput == run.ExitCode, run.ToString());
        Assert.Equal(expected, run.FirstErrorLine);
        Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.StandardOutput);
        Assert.False(Directory.Exists(output), "nothing may be created before the options are checked");
    }

    [Fact]
    public void Verbose_AddsTheStackTrace()
    {
        var run = MainJobRun.Start("--output", output, "--resume", "--verbose");
        Assert.Equal(ExitCode.BadInput, run.ExitCode);
        Assert.StartsWith("error: --resume: nothing to resume", run.FirstErrorLine);
        Assert.Contains("Sdl.Runtime.Training.TrainingSetupException", run.StandardError);
        Assert.Contains("   at Sdl.Examples.MnistSoftCca.MainJob.", run.StandardError);
    }

    [Fact]
    public void ResumeWithNothingToResume_SaysSo()
    {
        var run = MainJobRun.Start("--output", output, "--resume");
        Assert.Equal(ExitCode.BadInput, run.ExitCode);
        Assert.Equal($"error: --resume: nothing to resume: the output folder {output} does not exist; leave --resume out to start a run there.", run.FirstErrorLine);

        Directory.CreateDirectory(output);
        run = MainJobRun.Start("--output", output, "--resume");
        Assert.Equal(ExitCode.BadInput, run.ExitCode);
        Assert.Equal($"error: --resume: nothing to resume in {output}: no method folder in it has a last.ckpt; leave --resume out to start a run there.", run.FirstErrorLine);
    }

    [Fact]
    public void UnwritableOutputFolder_IsRefusedBeforeAnyWork()
    {
        Directory.CreateDirectory(output);
        var blocker = Path.Combine(output, "a-file");
        File.WriteAllText(blocker, "");
        var run = MainJobRun.Start("--output", Path.Combine(blocker, "run"));
        Assert.Equal(ExitCode.BadInput, run.ExitCode);
        Assert.StartsWith($"error: Cannot create the folder {Path.Combine(blocker, "run")} (--output): ", run.FirstErrorLine);
        Assert.Equal("", run.StandardOutput);
    }

    [Fact]
    public void DataOfAnotherImageSize_IsRefusedBeforeTheBaselineOrAnyTraining()
    {
        using var data = new TinyImageData(side: 20);
        var run = MainJobRun.Start(["--data", data.Directory, "--objective", "all", "--embedding", "10", "--epochs", "1", "--output", output, "--device", "cpu"]);

        Assert.True(ExitCode.BadInput == run.ExitCode, run.ToString());
        Assert.StartsWith("error: The data (", run.FirstErrorLine);
        Assert.Contains("does not fit the models: - Soft CCA (SDL): view 'Left' takes 392 input features per sample", run.FirstErrorLine);
        Assert.Contains("has 200", run.FirstErrorLine);
        Assert.DoesNotContain("Linear CCA", run.StandardOutput);
        // Only the folder's (released, empty) lock file: nothing was trained or written.
        Assert.Equal([".run.lock"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Equal("", File.ReadAllText(Path.Combine(output, ".run.lock")));
    }

    [Fact]
    public void NarrowViews_AreLabelledWithTheComponentsThatExist()
    {
        // 8×8 images: each half has 32 pixels, so linear CCA has 32 components, not the 50 asked for
        // (480 images: the 40 validation samples are more than those 32 components).
        using var data = new TinyImageData(train: 480, side: 8);
        var run = MainJobRun.Start("--data", data.Directory, "--objective", "linearcca", "--output", output);

        Assert.True(run.ExitCode == ExitCode.Success, run.ToString());
        Assert.Contains("Total canonical correlation on test (top 32)", run.StandardOutput);
        Assert.Contains("Test corr. (top 32)", run.StandardOutput);
        Assert.DoesNotContain("top 50", run.StandardOutput);
        Assert.Contains("# Total canonical correlation on test (top 32)", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void ConstantInput_FailsTheTraining_WithoutReportingANumber()
    {
        using var data = new TinyImageData(constant: true);
        var run = MainJobRun.Start(Tiny(data.Directory, output));

        Assert.True(ExitCode.TrainingFailed == run.ExitCode, run.ToString());
        Assert.StartsWith("error: The validation total correlation (top 10) came out NaN after epoch 1", run.FirstErrorLine);
        Assert.False(File.Exists(Path.Combine(output, "report.json")));
        Assert.False(File.Exists(Path.Combine(output, "soft-cca", "best.ckpt")));
    }

    [Fact]
    public void AbsurdButFiniteLearningRate_StopsOnTheNonFiniteLoss()
    {
        using var data = new TinyImageData();
        var run = MainJobRun.Start(Tiny(data.Directory, output, "--lr", "1e30"));

        // The divergence guard (on by default) lowers the rate and retries; 1e30 stays absurd at every retry, so it gives up naming the term.
        Assert.True(ExitCode.TrainingFailed == run.ExitCode, run.ToString());
        Assert.Matches(@"^error: Training diverged: loss term '.+' became (NaN|[+-]infinity) at epoch 1, step \d+ .*after \d+ recoveries by the divergence guard", run.FirstErrorLine);
    }

    [Fact]
    public void SymlinkLoopOrDanglingLinkAsOutput_IsNamedAsSuch()
    {
        Directory.CreateDirectory(output);
        var loop = Path.Combine(output, "loop");
        File.CreateSymbolicLink(loop, Path.Combine(output, "loop-back"));
        File.CreateSymbolicLink(Path.Combine(output, "loop-back"), loop);
        var dangling = Path.Combine(output, "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(output, "missing", "run"));

        var looped = MainJobRun.Start("--output", loop);
        Assert.True(looped.ExitCode == ExitCode.BadInput, looped.ToString());
        Assert.StartsWith($"error: --output {loop} is a symbolic link that leads back to itself (a loop: ", looped.FirstErrorLine);

        var nowhere = MainJobRun.Start("--output", dangling);
        Assert.True(nowhere.ExitCode == ExitCode.BadInput, nowhere.ToString());
        Assert.Equal($"error: --output {dangling} is a symbolic link to {Path.Combine(output, "missing", "run")}, which does not exist (a dangling link): " +
                     "create the folder it points to, or give another folder.", nowhere.FirstErrorLine);
    }

    [Fact]
    public void DamagedLastCheckpoint_OffersTheIntactBestCheckpoint_NotDeletion()
    {
        using var data = new TinyImageData();
        var first = MainJobRun.Start(Tiny(data.Directory, output));
        Assert.True(first.ExitCode == ExitCode.Success, first.ToString());
        var last = Path.Combine(output, "soft-cca", "last.ckpt");
        var best = Path.Combine(output, "soft-cca", "best.ckpt");
        var bytes = File.ReadAllBytes(last);
        bytes[^100] ^= 0x40;
        File.WriteAllBytes(last, bytes);

        var resumed = MainJobRun.Start(Tiny(data.Directory, output, epochs: 2, "--resume"));

        Assert.True(resumed.ExitCode == ExitCode.BadInput, resumed.ToString());
        Assert.StartsWith($"error: {last}: damaged: its content does not match the SHA-256 checksum", resumed.FirstErrorLine);
        Assert.Contains($"{best} is intact (epoch 1, the best on validation): to continue from it, copy it over the damaged file (cp {best} {last}) " +
                        "and run the same command with --resume again. Do not use --restart: it deletes best.ckpt too.", resumed.FirstErrorLine);
        Assert.DoesNotContain("Delete it", resumed.FirstErrorLine);

        // The advice works.
        File.Copy(best, last, overwrite: true);
        var followed = MainJobRun.Start(Tiny(data.Directory, output, epochs: 2, "--resume"));
        Assert.True(followed.ExitCode == ExitCode.Success, followed.ToString());
        Assert.Contains("training epochs 2–2", followed.StandardOutput);
    }

    [Fact]
    public void CheckpointThatCannotBeWritten_SaysToRerunWithResume()
    {
        using var data = new TinyImageData();
        // best.ckpt cannot be written (a folder in its place, as a full disk or a permission would refuse it) after last.ckpt was.
        Directory.CreateDirectory(Path.Combine(output, "soft-cca", "best.ckpt"));

        var run = MainJobRun.Start(Tiny(data.Directory, output));

        Assert.True(run.ExitCode == ExitCode.OutputFailed, run.ToString());
        Assert.StartsWith($"error: Could not write {Path.Combine(output, "soft-cca", "best.ckpt")}: ", run.FirstErrorLine);
        Assert.EndsWith($"Training stopped; {Path.Combine(output, "soft-cca", "last.ckpt")} holds the last complete epoch: once there is room, run the same command with --resume to continue from it.",
                        run.FirstErrorLine);
        Assert.DoesNotContain("continue with Resume", run.StandardError);
    }
}
