using Sdl.Runtime.Data;
using Sdl.Runtime.Training;

namespace Sdl.Runtime.Tests.Training;

/// <summary>The run folder: an earlier run is never destroyed by accident, and a folder that cannot be written stops the run before work or with one clear message.</summary>
[Collection(TrainingCollection.Name)]
public class RunFolderTests : IDisposable
{
    readonly string directory = TrainingFixtures.TemporaryDirectory();
    readonly MultiViewDataset data = TrainingFixtures.CorrelatedViews(96, seed: 91);

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    Dictionary<string, byte[]> Snapshot() => Directory.GetFiles(directory).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    [Fact]
    public void RerunWithoutResume_IsRefused_AndLeavesTheEarlierRunUntouched()
    {
        new Trainer(TrainingFixtures.Options(directory, epochs: 1)).Fit(TrainingFixtures.NewModel(92), data);
        var before = Snapshot();

        var error = Assert.Throws<TrainingSetupException>(() => new Trainer(TrainingFixtures.Options(directory, epochs: 1)).Fit(TrainingFixtures.NewModel(93), data));

        Assert.Equal($"{directory} already holds a training run (last.ckpt, metrics.jsonl); set Resume to continue it or StartOver to replace it.", error.Message);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void StartOver_ReplacesTheEarlierRun()
    {
        new Trainer(TrainingFixtures.Options(directory, epochs: 2)).Fit(TrainingFixtures.NewModel(92), data);

        var result = new Trainer(TrainingFixtures.Options(directory, epochs: 1) with { StartOver = true }).Fit(TrainingFixtures.NewModel(93), data);

        Assert.Equal(0, result.ResumedAfterEpochs);
        Assert.Single(MetricsLog.Read(Path.Combine(directory, Trainer.MetricsLogName)));
        Assert.Equal(1, TrainingCheckpoint.ReadState(Path.Combine(directory, Trainer.LastCheckpointName)).CompletedEpochs);
    }

    [Fact]
    public void ResumeWithNothingToResume_SaysSo()
    {
        var error = Assert.Throws<TrainingSetupException>(() =>
            new Trainer(TrainingFixtures.Options(directory, epochs: 1) with { Resume = true }).Fit(TrainingFixtures.NewModel(94), data));
        Assert.Equal($"Nothing to resume in {directory}: it holds no training run (no last.ckpt).", error.Message);
        Assert.False(File.Exists(Path.Combine(directory, Trainer.MetricsLogName)));
    }

    [Fact]
    public void ResumingARunThatStoppedEarly_TrainsNothingMore()
    {
        var split = DatasetSplit.Random(TrainingFixtures.CorrelatedViews(160, seed: 99), 0.25, 0.0, seed: 100);
        // A vanishing learning rate freezes the model: the score cannot improve after epoch 1, so patience 2 stops after epoch 3.
        var options = TrainingFixtures.Options(directory, epochs: 10) with { LearningRate = 1e-12, Patience = 2 };
        var first = new Trainer(options).Fit(TrainingFixtures.NewModel(101), split.Train, split.Validation);
        Assert.True(first.StoppedEarly);
        Assert.Equal(3, first.History.Count);

        var resumed = new Trainer(options with { Resume = true }).Fit(TrainingFixtures.NewModel(102), split.Train, split.Validation);

        Assert.True(resumed.StoppedEarly);
        Assert.Equal(0, resumed.EpochsRun);
        Assert.Equal(3, resumed.History.Count);
        Assert.Equal(3, MetricsLog.Read(Path.Combine(directory, Trainer.MetricsLogName)).Count);
    }

    [Fact]
    public void UnwritableCheckpointFolder_IsRefusedBeforeAnyStep()
    {
        // A regular file where a parent folder should be: no user, not even root, can create the folder.
        Directory.CreateDirectory(directory);
        var blocker = Path.Combine(directory, "not-a-folder");
        File.WriteAllText(blocker, "");
        var model = TrainingFixtures.NewModel(95);
        var before = TrainingFixtures.StateValues(model);

        var error = Assert.Throws<TrainingSetupException>(() =>
            new Trainer(TrainingFixtures.Options(Path.Combine(blocker, "run"), epochs: 1)).Fit(model, data));

        Assert.StartsWith($"Cannot create the folder {Path.Combine(blocker, "run")} (CheckpointDirectory): ", error.Message);
        Assert.Equal(before, TrainingFixtures.StateValues(model));
    }

    [Fact]
    public void DiskFullDuringTraining_IsOneClearError_AndKeepsTheLastCompleteEpoch()
    {
        int files = 0;
        // Epoch 1 writes last.ckpt, best.ckpt and a log line; the disk is "full" from the first write of epoch 2 on.
        var fullFromEpoch2 = new RunFileWriter { WrapStream = stream => files++ < 3 ? stream : new CheckpointTests.FailingStream(stream, failAfter: 1000) };
        var split = DatasetSplit.Random(data, 0.25, 0.0, seed: 96);

        var error = Assert.Throws<OutputWriteException>(() =>
            new Trainer(TrainingFixtures.Options(directory, epochs: 3), null, fullFromEpoch2).Fit(TrainingFixtures.NewModel(97), split.Train, split.Validation));

        var last = Path.Combine(directory, Trainer.LastCheckpointName);
        Assert.Equal($"Could not write {last}: No space left on device (simulated). Training stopped; {last} holds the last complete epoch (continue with Resume once there is room).", error.Message);
        Assert.Equal(1, TrainingCheckpoint.ReadState(last).CompletedEpochs);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));

        // Once there is room, the run continues from there.
        var resumed = new Trainer(TrainingFixtures.Options(directory, epochs: 3) with { Resume = true }).Fit(TrainingFixtures.NewModel(98), split.Train, split.Validation);
        Assert.Equal(1, resumed.ResumedAfterEpochs);
        Assert.Equal(3, resumed.History.Count);
    }

    [Fact]
    public void LeftoverOfAKilledProcess_IsRemoved_ButNotAFileOfAnotherKind()
    {
        Directory.CreateDirectory(directory);
        // Process ids are below 2^22 on Linux: this one cannot be running.
        var leftover = Path.Combine(directory, $".last.ckpt.9999999.{Guid.NewGuid():N}.tmp");
        var users = Path.Combine(directory, ".notes.tmp");
        File.WriteAllText(leftover, "half a checkpoint");
        File.WriteAllText(users, "not ours");

        Assert.Equal([Path.GetFileName(leftover)], RunDirectory.RemoveLeftovers(directory));
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(users));
    }
}
