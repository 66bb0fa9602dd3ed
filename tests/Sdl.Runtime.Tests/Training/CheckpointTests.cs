using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public class CheckpointTests
{
    /// <summary>Adam's per-parameter state (step, first and second moments) as host arrays.</summary>
    static List<(long Step, float[] First, float[] Second)> AdamState(OptimizerHelper optimizer) =>
        optimizer.state_dict().State.Cast<Adam.State>()
            .Select(s => (s.step, s.exp_avg.data<float>().ToArray(), s.exp_avg_sq.data<float>().ToArray())).ToList();

    static (TinyTwoViewModel Model, OptimizerHelper Optimizer, TrainingState State) LoadCheckpoint(string path, TrainerOptions options)
    {
        var model = TrainingFixtures.NewModel(999);
        var optimizer = OptimizerFactory.Create(options, model.parameters());
        var state = TrainingCheckpoint.Load(path, model, optimizer);
        return (model, optimizer, state);
    }

    [Fact]
    public void ResumedRun_ContinuesTheUninterruptedRunExactly()
    {
        string straight = TrainingFixtures.TemporaryDirectory(), interrupted = TrainingFixtures.TemporaryDirectory();
        try
        {
            var data = TrainingFixtures.CorrelatedViews(320, seed: 21);
            var split = DatasetSplit.Random(data, 0.2, 0.0, seed: 22);

            var reference = TrainingFixtures.NewModel(23);
            // Keep the last weights (not the best epoch's) so the two runs' final states are comparable.
            new Trainer(TrainingFixtures.Options(straight, epochs: 4) with { RestoreBest = false }).Fit(reference, split.Train, split.Validation);

            var first = TrainingFixtures.NewModel(23);
            new Trainer(TrainingFixtures.Options(interrupted, epochs: 2)).Fit(first, split.Train, split.Validation);
            // A new process would build the model afresh, with other random weights: the checkpoint must restore everything.
            var resumedModel = TrainingFixtures.NewModel(77);
            var resumed = new Trainer(TrainingFixtures.Options(interrupted, epochs: 4) with { Resume = true, RestoreBest = false }).Fit(resumedModel, split.Train, split.Validation);

            Assert.True(resumed.Resumed);
            Assert.Equal(4, resumed.History.Count);
            var expected = TrainingFixtures.StateValues(reference);
            var actual = TrainingFixtures.StateValues(resumedModel);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.Contains("sdl_Left_embed.sigma_accu", actual.Keys);
            Assert.NotEqual(0f, actual["sdl_Left_embed.count"][0]);
            foreach (var key in expected.Keys) Assert.Equal(expected[key], actual[key]);

            var options = TrainingFixtures.Options(null, 4);
            var (_, straightOptimizer, straightState) = LoadCheckpoint(Path.Combine(straight, Trainer.LastCheckpointName), options);
            var (_, resumedOptimizer, resumedState) = LoadCheckpoint(Path.Combine(interrupted, Trainer.LastCheckpointName), options);
            Assert.Equal(straightState.GlobalStep, resumedState.GlobalStep);
            Assert.Equal(4, resumedState.CompletedEpochs);
            var a = AdamState(straightOptimizer);
            var b = AdamState(resumedOptimizer);
            Assert.Equal(a.Count, b.Count);
            for (int i = 0; i < a.Count; i++)
            {
                Assert.Equal(a[i].Step, b[i].Step);
                Assert.Equal(a[i].First, b[i].First);
                Assert.Equal(a[i].Second, b[i].Second);
            }
            Assert.Equal(straightState.History.Select(h => h.TrainLoss["total"]), resumedState.History.Select(h => h.TrainLoss["total"]));
            Assert.Equal(4, File.ReadAllLines(Path.Combine(interrupted, Trainer.MetricsLogName)).Length);
        }
        finally
        {
            Directory.Delete(straight, recursive: true);
            Directory.Delete(interrupted, recursive: true);
        }
    }

    [Fact]
    public void Checkpoint_RoundTripsWeightsSdlBuffersOptimiserAndState()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            var data = TrainingFixtures.CorrelatedViews(128, seed: 31);
            var options = TrainingFixtures.Options(directory, epochs: 2);
            var model = TrainingFixtures.NewModel(32);
            new Trainer(options).Fit(model, data);
            var path = Path.Combine(directory, "copy.ckpt");
            var optimizer = OptimizerFactory.Create(options, model.parameters());
            var state = new TrainingState { CompletedEpochs = 2, GlobalStep = 8, ModelName = model.Info.Name, BestScore = 1.25, BestEpoch = 1 };
            TrainingCheckpoint.Save(path, model, optimizer, state);

            var (restored, _, restoredState) = LoadCheckpoint(path, options);

            Assert.Equal(TrainingFixtures.StateValues(model), TrainingFixtures.StateValues(restored));
            Assert.True(restored.LeftSdl.AccumulatedCount.ToDouble() > 1, "the SDL normaliser is a trained buffer");
            Assert.Equal(state.BestScore, restoredState.BestScore);
            Assert.Equal(state.GlobalStep, restoredState.GlobalStep);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    /// <summary>A stream that fails after a number of bytes, as a full disk or a killed process would.</summary>
    internal sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        long written;
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (written + count > failAfter) throw new IOException("No space left on device (simulated).");
            inner.Write(buffer, offset, count);
            written += count;
        }
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (written + buffer.Length > failAfter) throw new IOException("No space left on device (simulated).");
            inner.Write(buffer);
            written += buffer.Length;
        }
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void InterruptedWrite_LeavesThePreviousCheckpointIntact()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            var options = TrainingFixtures.Options(directory, epochs: 1);
            var model = TrainingFixtures.NewModel(41);
            var optimizer = OptimizerFactory.Create(options, model.parameters());
            var path = Path.Combine(directory, "last.ckpt");
            TrainingCheckpoint.Save(path, model, optimizer, new TrainingState { CompletedEpochs = 1, ModelName = model.Info.Name });
            var before = File.ReadAllBytes(path);

            // Change the weights, then fail halfway through writing them.
            using (no_grad()) foreach (var p in model.parameters()) p.add_(1.0f);
            var fullDisk = new RunFileWriter { WrapStream = stream => new FailingStream(stream, failAfter: before.Length / 2) };
            Assert.Throws<IOException>(() => TrainingCheckpoint.Write(path,
                TrainingCheckpoint.Serialize(model, optimizer, new TrainingState { CompletedEpochs = 2, ModelName = model.Info.Name }), fullDisk));

            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(["last.ckpt"], Directory.GetFiles(directory).Select(Path.GetFileName));
            Assert.Equal(1, TrainingCheckpoint.ReadState(path).CompletedEpochs);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void ResumingWithAnotherSetup_IsRefusedInWords()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            var data = TrainingFixtures.CorrelatedViews(128, seed: 51);
            new Trainer(TrainingFixtures.Options(directory, epochs: 1)).Fit(TrainingFixtures.NewModel(52), data);
            var error = Assert.Throws<CheckpointException>(() =>
                new Trainer(TrainingFixtures.Options(directory, epochs: 2) with { Resume = true, BatchSize = 16 }).Fit(TrainingFixtures.NewModel(52), data));
            Assert.Contains("batch size 32", error.Message);
            Assert.Contains("would not continue the same run", error.Message);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }
}
