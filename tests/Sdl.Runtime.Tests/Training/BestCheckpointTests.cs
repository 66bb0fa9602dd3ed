using Sdl.Runtime.Data;
using Sdl.Runtime.Training;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// Loading best.ckpt checks it against the last.ckpt beside it: the crash states are covered by
/// <see cref="CrashConsistencyTests"/>; these are the disagreements no crash makes, which are refused.
/// </summary>
[Collection(TrainingCollection.Name)]
public class BestCheckpointTests : IDisposable
{
    readonly string first = TrainingFixtures.TemporaryDirectory();
    readonly string second = TrainingFixtures.TemporaryDirectory();

    public BestCheckpointTests()
    {
        var train = TrainingFixtures.CorrelatedViews(128, seed: 91);
        var validation = TrainingFixtures.CorrelatedViews(64, seed: 92);
        new Trainer(TrainingFixtures.Options(first, epochs: 2)).Fit(TrainingFixtures.NewModel(93), train, validation);
        new Trainer(TrainingFixtures.Options(second, epochs: 2) with { Seed = 18 }).Fit(TrainingFixtures.NewModel(94), train, validation);
    }

    public void Dispose()
    {
        Directory.Delete(first, recursive: true);
        Directory.Delete(second, recursive: true);
    }

    static string Best(string directory) => Path.Combine(directory, Trainer.BestCheckpointName);
    static string Last(string directory) => Path.Combine(directory, Trainer.LastCheckpointName);

    static CheckpointException LoadFails(string path) =>
        Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path, TrainingFixtures.NewModel(95), optimizer: null));

    [Fact]
    public void BestFromAnotherRun_BesideThisRunsLast_IsRefused()
    {
        File.Copy(Best(second), Best(first), overwrite: true);
        var error = LoadFails(Best(first));
        Assert.StartsWith("it holds epoch", error.Problem);
        Assert.Contains("of another run than last.ckpt beside it", error.Problem);
    }

    [Fact]
    public void BestOnItsOwn_LoadsAsStored()
    {
        var alone = Path.Combine(second, "copy");
        Directory.CreateDirectory(alone);
        File.Copy(Best(first), Path.Combine(alone, Trainer.BestCheckpointName));
        var state = TrainingCheckpoint.Load(Path.Combine(alone, Trainer.BestCheckpointName), TrainingFixtures.NewModel(95), null);
        Assert.Equal(TrainingCheckpoint.ReadState(Last(first)).BestEpoch, state.CompletedEpochs - 1);
    }

    [Fact]
    public void DamagedLastBeside_IsNamed_RatherThanLoadingBestUnchecked()
    {
        var bytes = File.ReadAllBytes(Last(first));
        bytes[bytes.Length / 2] ^= 0x04;
        File.WriteAllBytes(Last(first), bytes);
        var error = LoadFails(Best(first));
        Assert.StartsWith("cannot be checked against last.ckpt beside it, which is unusable (damaged:", error.Problem);
    }

    [Fact]
    public void LastRolledBackBehindBest_IsRefusedAsStale()
    {
        // last.ckpt put back to the copy of the epoch before the best (a restore from a backup): no crash does this.
        var third = TrainingFixtures.TemporaryDirectory();
        var backups = new List<string>();
        try
        {
            var writer = new RunFileWriter
            {
                WritePoint = point =>
                {
                    if (point.Stage != WriteStage.BeforeAppend) return; // the epoch's last.ckpt is in place
                    backups.Add(Path.Combine(second, $"last-{backups.Count + 1}.ckpt"));
                    File.Copy(Last(third), backups[^1]);
                },
            };
            var split = DatasetSplit.Random(TrainingFixtures.CorrelatedViews(200, seed: 71), 0.2, 0.0, seed: 72);
            var result = new Trainer(TrainingFixtures.Options(third, epochs: 3), null, writer).Fit(TrainingFixtures.NewModel(73), split.Train, split.Validation);
            Assert.True(result.BestEpoch >= 1, "the scenario needs a best epoch after the first (fixed seeds)");
            File.Copy(backups[result.BestEpoch - 1], Last(third), overwrite: true);
            int namedBest = TrainingCheckpoint.ReadStoredState(Last(third)).BestEpoch + 1;

            var error = LoadFails(Best(third));
            Assert.Equal($"stale: it holds epoch {result.BestEpoch + 1}, but last.ckpt beside it names epoch {namedBest} as the best. " +
                         "Resume the run to repair it, or load the checkpoint of the epoch you want.", error.Problem);
        }
        finally { Directory.Delete(third, recursive: true); }
    }
}
