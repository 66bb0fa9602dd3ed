using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// Fault injection: the run is stopped at every write point of its epochs (before a temporary
/// file, with it half written, before its rename, before an append, with a line half appended),
/// as a kill -9 would stop it, and a resume must see a consistent run and continue it exactly.
/// </summary>
[Collection(TrainingCollection.Name)]
public class CrashConsistencyTests
{
    /// <summary>Thrown from the write seam: not an IOException, so the writer cleans up nothing, as after a kill.</summary>
    sealed class SimulatedCrash(WritePoint point) : Exception($"simulated crash at {point}")
    {
        public WritePoint Point { get; } = point;
    }

    sealed class RecordingProgress : TrainingProgress
    {
        public List<string> Messages { get; } = [];
        public override void Message(string text) => Messages.Add(text);
    }

    const int Epochs = 3;

    static TrainerOptions Options(string directory) => TrainingFixtures.Options(directory, Epochs) with { RestoreBest = false };

    static (MultiViewDataset Train, MultiViewDataset Validation) Data()
    {
        var split = DatasetSplit.Random(TrainingFixtures.CorrelatedViews(200, seed: 71), 0.2, 0.0, seed: 72);
        return (split.Train, split.Validation);
    }

    static string Describe(WritePoint point) => $"{Path.GetFileName(point.Path)}: {point.Stage}";

    [Fact]
    public void CrashAtEveryWritePoint_LeavesAConsistentRun_ThatResumesExactly()
    {
        var (train, validation) = Data();
        var reference = TrainingFixtures.TemporaryDirectory();
        var points = new List<WritePoint>();
        var referenceModel = TrainingFixtures.NewModel(73);
        // Each epoch's weights, taken when its last.ckpt is about to be renamed into place: what a checkpoint of that epoch must hold.
        var epochWeights = new List<Dictionary<string, float[]>>();
        void Record(WritePoint point)
        {
            points.Add(point);
            if (Path.GetFileName(point.Path) == Trainer.LastCheckpointName && point.Stage == WriteStage.BeforeRename)
                epochWeights.Add(TrainingFixtures.StateValues(referenceModel));
        }
        var referenceResult = new Trainer(Options(reference), null, new RunFileWriter { WritePoint = Record }).Fit(referenceModel, train, validation);
        Assert.Equal(Epochs, epochWeights.Count);
        var referenceWeights = TrainingFixtures.StateValues(referenceModel);
        var referenceBest = TrainingFixtures.NewModel(1);
        TrainingCheckpoint.Load(Path.Combine(reference, Trainer.BestCheckpointName), referenceBest, null);
        var referenceBestWeights = TrainingFixtures.StateValues(referenceBest);
        Directory.Delete(reference, recursive: true);

        // The seam sees every write: per epoch last.ckpt (3 points), best.ckpt when improved (3), the log line (2).
        Assert.Equal(Epochs * 5 + referenceResult.History.Count(h => h.Improved) * 3, points.Count);
        Assert.True(referenceResult.History.Count(h => h.Improved) >= 2, "the scenario needs best.ckpt written after the first epoch too");

        var failures = new List<string>();
        for (int crashAt = 0; crashAt < points.Count; crashAt++)
        {
            var directory = TrainingFixtures.TemporaryDirectory();
            try
            {
                int seen = 0;
                var crashing = new RunFileWriter { WritePoint = point => { if (seen++ == crashAt) throw new SimulatedCrash(point); } };
                var crash = Assert.Throws<SimulatedCrash>(() => new Trainer(Options(directory), null, crashing).Fit(TrainingFixtures.NewModel(73), train, validation));
                Assert.Equal(Describe(points[crashAt]), Describe(crash.Point));
                // Epochs committed: last.ckpt renamed into place before the crash.
                int committed = points.Take(crashAt).Count(p => Path.GetFileName(p.Path) == Trainer.LastCheckpointName && p.Stage == WriteStage.BeforeRename);

                bool temporaryLeft = crash.Point.Stage is WriteStage.TemporaryHalfWritten or WriteStage.BeforeRename;
                Assert.Equal(temporaryLeft ? 1 : 0, Directory.GetFiles(directory, "*.tmp").Length);
                AssertEveryFileIsAPrefixOfLast(directory, committed);
                AssertBestLoadsTheBestEpochOrIsRefused(directory, committed, epochWeights);

                var progress = new RecordingProgress();
                TrainingResult result;
                if (committed == 0)
                {
                    // Nothing was committed: a resume says so, and a fresh run is accepted (the folder holds no run).
                    var refusal = Assert.Throws<TrainingSetupException>(() => new Trainer(Options(directory) with { Resume = true }, progress).Fit(TrainingFixtures.NewModel(74), train, validation));
                    Assert.StartsWith($"Nothing to resume in {directory}", refusal.Message);
                    result = new Trainer(Options(directory), progress).Fit(TrainingFixtures.NewModel(73), train, validation);
                }
                else
                {
                    // A new process builds the model with other weights: everything must come from the checkpoint.
                    var resumedModel = TrainingFixtures.NewModel(74);
                    result = new Trainer(Options(directory) with { Resume = true }, progress).Fit(resumedModel, train, validation);
                    Assert.Equal(committed, result.ResumedAfterEpochs);
                    Assert.Equal(Epochs - committed, result.EpochsRun);
                    Assert.Contains(progress.Messages, m => m.Contains($"restored the weights, optimiser state and SDL buffers of epoch {committed} "));
                    Assert.Equal(referenceWeights, TrainingFixtures.StateValues(resumedModel));
                }
                // A kill mid-write leaves the temporary file; the next run removes it and says so.
                if (committed > 0) Assert.Equal(temporaryLeft, progress.Messages.Any(m => m.StartsWith("removed 1 temporary file(s)")));

                AssertAgreesWithReference(directory, referenceResult, referenceBestWeights);
            }
            catch (Exception e) when (e is not SimulatedCrash)
            {
                failures.Add($"crash at point {crashAt} ({Describe(points[crashAt])}): {e.Message}");
            }
            finally { Directory.Delete(directory, recursive: true); }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Right after the crash: the log and best.ckpt describe nothing that last.ckpt does not hold.</summary>
    static void AssertEveryFileIsAPrefixOfLast(string directory, int committed)
    {
        string last = Path.Combine(directory, Trainer.LastCheckpointName), best = Path.Combine(directory, Trainer.BestCheckpointName), log = Path.Combine(directory, Trainer.MetricsLogName);
        if (committed == 0)
        {
            Assert.False(File.Exists(last));
            Assert.False(File.Exists(best));
            Assert.False(File.Exists(log));
            return;
        }
        var lastState = TrainingCheckpoint.ReadState(last); // whole and checksummed
        Assert.Equal(committed, lastState.CompletedEpochs);
        if (File.Exists(log))
        {
            var entries = MetricsLog.Read(log);
            Assert.InRange(entries.Count, committed - 1, committed);
            for (int i = 0; i < entries.Count; i++)
                Assert.Equal(lastState.History[i].TrainLoss["total"], entries[i].GetProperty("trainLoss").GetProperty("total").GetDouble());
        }
        else Assert.Equal(1, committed);
        bool bestIsLast = lastState.BestEpoch == committed - 1;
        if (!File.Exists(best))
        {
            // Only the first best.ckpt can be missing, when the crash came right after the first last.ckpt.
            Assert.True(bestIsLast && lastState.History.Take(committed - 1).All(h => !h.Improved), "best.ckpt is missing although an earlier epoch was the best");
            return;
        }
        var bestState = TrainingCheckpoint.ReadState(best);
        int bestHolds = bestState.CompletedEpochs - 1;
        // Agrees, or lags by exactly the one write that a crash can interrupt: last.ckpt's own epoch is the best and holds its weights.
        Assert.True(bestHolds == lastState.BestEpoch || (bestIsLast && bestHolds < lastState.BestEpoch),
            $"best.ckpt holds epoch {bestHolds + 1}, last.ckpt (epoch {committed}) names epoch {lastState.BestEpoch + 1}");
        Assert.Equal(bestState.History.Select(h => h.TrainLoss["total"]), lastState.History.Take(bestState.History.Count).Select(h => h.TrainLoss["total"]));
    }

    /// <summary>
    /// Right after the crash, before any resume: a user loads best.ckpt directly (the public load path, which
    /// an export starts from too). They get the weights of the epoch last.ckpt names as the best, or a refusal
    /// that says what is wrong; never another epoch's weights.
    /// </summary>
    static void AssertBestLoadsTheBestEpochOrIsRefused(string directory, int committed, List<Dictionary<string, float[]>> epochWeights)
    {
        string best = Path.Combine(directory, Trainer.BestCheckpointName);
        if (committed == 0)
        {
            Assert.Equal("checkpoint not found.", Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(best, TrainingFixtures.NewModel(5), null)).Problem);
            return;
        }
        var last = TrainingCheckpoint.ReadStoredState(Path.Combine(directory, Trainer.LastCheckpointName));
        var model = TrainingFixtures.NewModel(5);
        if (!File.Exists(best))
        {
            var refusal = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(best, model, null));
            Assert.Equal($"checkpoint not found, but last.ckpt beside it names epoch {last.BestEpoch + 1} as the best and holds its weights: " +
                         "the run stopped before writing this file. Load last.ckpt, or resume the run, which writes it.", refusal.Problem);
            Assert.Equal(refusal.Problem, Assert.Throws<CheckpointException>(() => TrainingCheckpoint.ReadState(best)).Problem);
            return;
        }
        var stored = File.ReadAllBytes(best);
        var state = TrainingCheckpoint.Load(best, model, null);
        Assert.Equal(last.BestEpoch, state.CompletedEpochs - 1);
        Assert.Equal(last.BestEpoch, TrainingCheckpoint.ReadState(best).CompletedEpochs - 1);
        Assert.Equal(epochWeights[last.BestEpoch], TrainingFixtures.StateValues(model));
        // Loading does not write: the resume below still finds (and repairs) the file as the crash left it.
        Assert.Equal(stored, File.ReadAllBytes(best));
    }

    /// <summary>After the resumed run: the three files agree with each other and with the uninterrupted run, and no temporary file is left.</summary>
    static void AssertAgreesWithReference(string directory, TrainingResult reference, Dictionary<string, float[]> referenceBestWeights)
    {
        var last = TrainingCheckpoint.ReadState(Path.Combine(directory, Trainer.LastCheckpointName));
        Assert.Equal(Epochs, last.CompletedEpochs);
        Assert.Equal(reference.BestEpoch, last.BestEpoch);
        Assert.Equal(reference.History.Select(h => h.TrainLoss["total"]), last.History.Select(h => h.TrainLoss["total"]));

        var bestModel = TrainingFixtures.NewModel(2);
        var best = TrainingCheckpoint.Load(Path.Combine(directory, Trainer.BestCheckpointName), bestModel, null);
        Assert.Equal(last.BestEpoch, best.CompletedEpochs - 1);
        Assert.Equal(referenceBestWeights, TrainingFixtures.StateValues(bestModel));

        var logPath = Path.Combine(directory, Trainer.MetricsLogName);
        Assert.EndsWith("\n", File.ReadAllText(logPath));
        var entries = MetricsLog.Read(logPath);
        Assert.Equal(Enumerable.Range(0, Epochs), entries.Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.Equal(last.History.Select(h => h.TrainLoss["total"]), entries.Select(e => e.GetProperty("trainLoss").GetProperty("total").GetDouble()));

        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public void TornLastLineOfTheLog_IsToleratedOnResume()
    {
        var (train, validation) = Data();
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            new Trainer(Options(directory) with { Epochs = 2 }).Fit(TrainingFixtures.NewModel(75), train, validation);
            var log = Path.Combine(directory, Trainer.MetricsLogName);
            File.AppendAllText(log, "{\"run\":\"training\",\"epoch\":2,\"trainLo");

            Assert.Equal(2, MetricsLog.Read(log).Count);
            var result = new Trainer(Options(directory) with { Resume = true }).Fit(TrainingFixtures.NewModel(76), train, validation);

            Assert.Equal(2, result.ResumedAfterEpochs);
            var lines = File.ReadAllLines(log);
            Assert.Equal(Epochs, lines.Length);
            Assert.Equal(Enumerable.Range(0, Epochs), MetricsLog.Read(log).Select(e => e.GetProperty("epoch").GetInt32()));
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void DamagedLineInsideTheLog_IsNamedByItsLineNumber()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sdl-log-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"epoch\":0}\n{\"epo\n{\"epoch\":2}\n");
            var error = Assert.Throws<InvalidDataException>(() => MetricsLog.Read(path));
            Assert.Contains("line 2 is not a JSON object", error.Message);
        }
        finally { File.Delete(path); }
    }
}
