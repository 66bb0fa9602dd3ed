using Parquet;
using Parquet.Schema;
using Sdl.Runtime.Data;
using Sdl.Runtime.Tests.Data;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// The trainer fed by on-disk sources (<see cref="ChunkedNpyViews"/>, <see cref="ChunkedParquetViews"/>)
/// against the in-memory path: the same model when the orders agree, every row once per epoch when
/// they do not, exact resumption, and the in-memory path's errors.
/// </summary>
[Collection(TrainingCollection.Name)]
public class BatchSourceTrainingTests
{
    /// <summary>Counts the samples of every batch the trainer draws: the seam that shows coverage.</summary>
    sealed class CountingSource(IMultiViewBatchSource inner) : DelegatingSource(inner)
    {
        public List<List<int>> EpochIndices { get; } = [];
        public override IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0)
        {
            var seen = new List<int>();
            EpochIndices.Add(seen);
            foreach (var batch in Inner.Epoch(epoch, batchSize, seed, device, viewShapes, skipBatches))
            {
                seen.AddRange(batch.Indices);
                yield return batch;
            }
        }
    }

    static (string Left, string Right) WriteNpy(NpyTestFiles files, MultiViewDataset data) =>
        (files.Write("left.npy", NpyTestFiles.Npy("<f4", [data.Count, data.Views[0].Width], data.Views[0].Values.Select(v => (double)v).ToArray())),
         files.Write("right.npy", NpyTestFiles.Npy("<f4", [data.Count, data.Views[1].Width], data.Views[1].Values.Select(v => (double)v).ToArray())));

    /// <summary>One float column per feature (l0.., r0..), cut into row groups of <paramref name="groupRows"/>.</summary>
    static async Task<string> WriteParquet(NpyTestFiles files, MultiViewDataset data, int groupRows)
    {
        var path = files.Path("views.parquet");
        var columns = data.Views.SelectMany((view, v) => Enumerable.Range(0, view.Width).Select(j =>
            (Field: new DataField<float>($"{(v == 0 ? 'l' : 'r')}{j}"), Values: Enumerable.Range(0, data.Count).Select(i => view.Values[i * view.Width + j]).ToArray()))).ToList();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray()), stream);
        for (int start = 0; start < data.Count; start += groupRows)
        {
            int rows = Math.Min(groupRows, data.Count - start);
            using var group = writer.CreateRowGroup();
            foreach (var (field, values) in columns) await group.WriteAsync<float>(field, values.AsMemory(start, rows));
        }
        return path;
    }

    static ChunkedParquetViews OpenParquet(string path) =>
        ChunkedParquetViews.Open(path, [ViewColumns.WithPrefix("left", "l"), ViewColumns.WithPrefix("right", "r")]);

    static MultiViewDataset Unlabelled(MultiViewDataset data) => new(data.Views, null, data.Description);

    static TrainingResult Train(IMultiViewBatchSource train, MultiViewDataset validation, TinyTwoViewModel model, int epochs = 3) =>
        new Trainer(TrainingFixtures.Options(null, epochs) with { RestoreBest = false }).Fit(model, train, validation);

    static void AssertSameModel(TinyTwoViewModel expected, TinyTwoViewModel actual)
    {
        var a = TrainingFixtures.StateValues(expected);
        var b = TrainingFixtures.StateValues(actual);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var key in a.Keys) Assert.Equal(a[key], b[key]);
    }

    [Fact]
    public async Task OneChunkCoveringTheSet_TrainsTheSameModelAsTheInMemoryPath_FromNpyAndFromParquet()
    {
        using var files = new NpyTestFiles();
        var train = Unlabelled(TrainingFixtures.CorrelatedViews(192, seed: 31));
        var validation = Unlabelled(TrainingFixtures.CorrelatedViews(64, seed: 32));
        var (left, right) = WriteNpy(files, train);
        var parquet = await WriteParquet(files, train, groupRows: 192);

        var inMemory = TrainingFixtures.NewModel(33);
        var expected = Train(train, validation, inMemory);
        // One chunk: its row shuffle is the in-memory permutation (same seeded Fisher–Yates), so every batch agrees.
        using var npy = ChunkedNpyViews.Open([("left", left), ("right", right)], chunkRows: 192);
        var fromNpy = TrainingFixtures.NewModel(33);
        var npyResult = Train(npy, validation, fromNpy);
        using var table = OpenParquet(parquet);
        var fromParquet = TrainingFixtures.NewModel(33);
        var parquetResult = Train(table, validation, fromParquet);

        AssertSameModel(inMemory, fromNpy);
        AssertSameModel(inMemory, fromParquet);
        foreach (var result in new[] { npyResult, parquetResult })
        {
            Assert.Equal(expected.History.Select(h => h.TrainLoss["total"]), result.History.Select(h => h.TrainLoss["total"]));
            Assert.Equal(expected.History.Select(h => h.ValidationScore), result.History.Select(h => h.ValidationScore));
        }
        // The check is not vacuous: a different order trains a different model.
        using var chunked = ChunkedNpyViews.Open([("left", left), ("right", right)], chunkRows: 50);
        var reordered = TrainingFixtures.NewModel(33);
        Train(chunked, validation, reordered);
        Assert.NotEqual(TrainingFixtures.StateValues(inMemory)["Left.fc1.weight"], TrainingFixtures.StateValues(reordered)["Left.fc1.weight"]);
    }

    [Fact]
    public async Task ChunksSmallerThanTheSet_TrainEveryRowOncePerEpoch_InANewOrderEachEpoch()
    {
        using var files = new NpyTestFiles();
        var train = Unlabelled(TrainingFixtures.CorrelatedViews(256, seed: 41)); // 8 full batches of 32
        var (left, right) = WriteNpy(files, train);
        var parquet = await WriteParquet(files, train, groupRows: 40);
        using var npy = ChunkedNpyViews.Open([("left", left), ("right", right)], chunkRows: 37);
        using var table = OpenParquet(parquet);
        foreach (IMultiViewBatchSource source in new IMultiViewBatchSource[] { npy, table })
        {
            var counting = new CountingSource(source);
            new Trainer(TrainingFixtures.Options(null, epochs: 3)).Fit(TrainingFixtures.NewModel(42), counting);
            Assert.Equal(3, counting.EpochIndices.Count);
            foreach (var epoch in counting.EpochIndices) Assert.Equal(Enumerable.Range(0, 256), epoch.Order());
            Assert.NotEqual(counting.EpochIndices[0], counting.EpochIndices[1]);
            Assert.NotEqual(Enumerable.Range(0, 256), counting.EpochIndices[0]);
        }
    }

    [Fact]
    public async Task SkippingBatches_LeavesTheRestOfTheEpochUnchanged_AcrossChunkBoundaries()
    {
        using var files = new NpyTestFiles();
        var data = Unlabelled(TrainingFixtures.CorrelatedViews(203, seed: 51));
        var (left, right) = WriteNpy(files, data);
        var parquet = await WriteParquet(files, data, groupRows: 30);
        using var npy = ChunkedNpyViews.Open([("left", left), ("right", right)], chunkRows: 23);
        using var table = OpenParquet(parquet);
        foreach (IMultiViewBatchSource source in new IMultiViewBatchSource[] { data, npy, table })
        {
            var whole = source.Epoch(4, 16, seed: 9, CPU).Select(b => (b.Indices, Left: b.Views[0].data<float>().ToArray())).ToList();
            Assert.Equal(12, whole.Count);
            foreach (int skip in new[] { 1, 5, 11, 12 })
            {
                var rest = source.Epoch(4, 16, seed: 9, CPU, skipBatches: skip).Select(b => (b.Indices, Left: b.Views[0].data<float>().ToArray())).ToList();
                Assert.Equal(whole.Count - skip, rest.Count);
                for (int b = 0; b < rest.Count; b++)
                {
                    Assert.Equal(whole[skip + b].Indices, rest[b].Indices);
                    Assert.Equal(whole[skip + b].Left, rest[b].Left);
                }
            }
        }
    }

    [Fact]
    public void ResumedRunOnAChunkedSource_ContinuesTheUninterruptedRunExactly()
    {
        string straight = TrainingFixtures.TemporaryDirectory(), interrupted = TrainingFixtures.TemporaryDirectory();
        using var files = new NpyTestFiles();
        try
        {
            var train = Unlabelled(TrainingFixtures.CorrelatedViews(224, seed: 61));
            var validation = Unlabelled(TrainingFixtures.CorrelatedViews(64, seed: 62));
            var (left, right) = WriteNpy(files, train);
            using var npy = ChunkedNpyViews.Open([("left", left), ("right", right)], chunkRows: 50);

            var reference = TrainingFixtures.NewModel(63);
            new Trainer(TrainingFixtures.Options(straight, epochs: 4) with { RestoreBest = false }).Fit(reference, npy, validation);
            new Trainer(TrainingFixtures.Options(interrupted, epochs: 2)).Fit(TrainingFixtures.NewModel(63), npy, validation);
            var resumed = TrainingFixtures.NewModel(78);
            var result = new Trainer(TrainingFixtures.Options(interrupted, epochs: 4) with { Resume = true, RestoreBest = false }).Fit(resumed, npy, validation);

            Assert.True(result.Resumed);
            Assert.Equal(2, result.ResumedAfterEpochs);
            AssertSameModel(reference, resumed);
        }
        finally
        {
            Directory.Delete(straight, recursive: true);
            Directory.Delete(interrupted, recursive: true);
        }
    }

    [Fact]
    public async Task BadInputs_GiveTheInMemoryPathsErrors_NamingTheFileAndTheProblem()
    {
        using var files = new NpyTestFiles();
        var data = Unlabelled(TrainingFixtures.CorrelatedViews(40, seed: 71));
        var (left, right) = WriteNpy(files, data);
        var shortRight = files.Write("short.npy", NpyTestFiles.Npy("<f4", [39, 5], data.Views[1].Values[..(39 * 5)].Select(v => (double)v).ToArray()));

        // Views with different row counts: the same words and the same file named as NumPyViews.Load.
        var inMemoryMismatch = Assert.Throws<DataFileException>(() => NumPyViews.Load([("left", left), ("right", shortRight)]));
        var chunkedMismatch = Assert.Throws<DataFileException>(() => ChunkedNpyViews.Open([("left", left), ("right", shortRight)]));
        Assert.Equal(inMemoryMismatch.Message, chunkedMismatch.Message);
        Assert.Contains(shortRight, chunkedMismatch.Message);
        Assert.Contains("shape mismatch between views", chunkedMismatch.Message);

        var inMemory = NumPyViews.Load([("left", left), ("right", right)]);
        using var npy = ChunkedNpyViews.Open([("left", left), ("right", right)], chunkRows: 16);
        using var table = OpenParquet(await WriteParquet(files, data, groupRows: 16));
        var options = TrainingFixtures.Options(null, epochs: 1);
        foreach (IMultiViewBatchSource source in new IMultiViewBatchSource[] { npy, table })
        {
            // A batch larger than the data.
            var expected = Assert.Throws<DataShapeException>(() => new Trainer(options with { BatchSize = 64 }).Fit(TrainingFixtures.NewModel(1), inMemory));
            var actual = Assert.Throws<DataShapeException>(() => new Trainer(options with { BatchSize = 64 }).Fit(TrainingFixtures.NewModel(1), source));
            Assert.Equal(expected.Message.Replace(inMemory.Description, source.Description), actual.Message);
            Assert.Contains("batch size 64 is larger than the 40 samples", actual.Message);

            // A width that does not match the model (the model takes 7 features on its left view).
            var wide = new TinyTwoViewModel(7, 5, embedding: 4);
            expected = Assert.Throws<DataShapeException>(() => new Trainer(options).Fit(wide, inMemory));
            actual = Assert.Throws<DataShapeException>(() => new Trainer(options).Fit(wide, source));
            Assert.Equal(expected.Message.Replace(inMemory.Description, source.Description), actual.Message);
            Assert.Contains("view 'Left' takes 7 input features per sample", actual.Message);
            Assert.Contains(source is ChunkedNpyViews ? left : table.Path, actual.Message);
        }
    }
}

/// <summary>Resuming inside an epoch (<see cref="TrainerOptions.CheckpointEverySteps"/>) on a chunked source.</summary>
[Collection(TrainingCollection.Name)]
public class MidEpochResumeTests
{
    /// <summary>Stands in for a killed process: the source fails when the trainer asks for batch <paramref name="failAt"/> of epoch <paramref name="failEpoch"/>.</summary>
    sealed class FailingSource(IMultiViewBatchSource inner, int failEpoch, int failAt) : DelegatingSource(inner)
    {
        public override IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0)
        {
            long b = skipBatches;
            foreach (var batch in Inner.Epoch(epoch, batchSize, seed, device, viewShapes, skipBatches))
            {
                if (epoch == failEpoch && b++ == failAt) throw new IOException("simulated kill");
                yield return batch;
            }
        }
    }

    [Fact]
    public void ResumedInsideAnEpoch_ContinuesTheUninterruptedRunExactly()
    {
        string straight = TrainingFixtures.TemporaryDirectory(), interrupted = TrainingFixtures.TemporaryDirectory();
        using var files = new NpyTestFiles();
        try
        {
            var data = TrainingFixtures.CorrelatedViews(288, seed: 81);
            var train = new MultiViewDataset(data.Views, null, data.Description); // 9 batches of 32 per epoch
            var validation = new MultiViewDataset(TrainingFixtures.CorrelatedViews(64, seed: 82).Views, null, "validation");
            var left = files.Write("left.npy", NpyTestFiles.Npy("<f4", [288, 6], train.Views[0].Values.Select(v => (double)v).ToArray()));
            var right = files.Write("right.npy", NpyTestFiles.Npy("<f4", [288, 5], train.Views[1].Values.Select(v => (double)v).ToArray()));
            using var npy = ChunkedNpyViews.Open([("left", left), ("right", right)], chunkRows: 50);
            var options = TrainingFixtures.Options(null, epochs: 3) with { RestoreBest = false, CheckpointEverySteps = 4 };

            var reference = TrainingFixtures.NewModel(83);
            var expected = new Trainer(options with { CheckpointDirectory = straight }).Fit(reference, npy, validation);

            // Killed when asking for batch 7 of epoch 2: last.ckpt holds steps 0–3 of that epoch (written after step 4).
            var killed = Assert.Throws<IOException>(() =>
                new Trainer(options with { CheckpointDirectory = interrupted }).Fit(TrainingFixtures.NewModel(83), new FailingSource(npy, failEpoch: 1, failAt: 6), validation));
            Assert.Equal("simulated kill", killed.Message);
            var saved = TrainingCheckpoint.ReadState(Path.Combine(interrupted, Trainer.LastCheckpointName));
            Assert.Equal((1, 4, 9 + 4), (saved.CompletedEpochs, saved.StepsIntoEpoch, (int)saved.GlobalStep));
            Assert.NotNull(saved.GeneratorState);

            var resumed = TrainingFixtures.NewModel(84);
            var result = new Trainer(options with { CheckpointDirectory = interrupted, Resume = true }).Fit(resumed, npy, validation);

            var a = TrainingFixtures.StateValues(reference);
            var b = TrainingFixtures.StateValues(resumed);
            foreach (var key in a.Keys) Assert.Equal(a[key], b[key]);
            Assert.Equal(expected.History.Select(h => h.TrainLoss["total"]), result.History.Select(h => h.TrainLoss["total"]));
            Assert.Equal(expected.History.Select(h => h.ValidationScore), result.History.Select(h => h.ValidationScore));
            Assert.Equal(0, TrainingCheckpoint.ReadState(Path.Combine(interrupted, Trainer.LastCheckpointName)).StepsIntoEpoch);
        }
        finally
        {
            Directory.Delete(straight, recursive: true);
            Directory.Delete(interrupted, recursive: true);
        }
    }
}
