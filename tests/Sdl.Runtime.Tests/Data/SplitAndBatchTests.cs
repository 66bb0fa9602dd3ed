using Sdl.Runtime.Data;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Data;

public class SplitAndBatchTests
{
    static MultiViewDataset Numbered(int count)
    {
        // Each sample's features encode its index, so subsets can be traced back.
        var a = Enumerable.Range(0, count).SelectMany(i => new[] { (float)i, i + 0.5f }).ToArray();
        var b = Enumerable.Range(0, count).Select(i => (float)-i).ToArray();
        return new MultiViewDataset([new ViewData("a", a, 2), new ViewData("b", b, 1)], Enumerable.Range(0, count).Select(i => i % 4).ToArray(), "numbered");
    }

    static int[] Ids(MultiViewDataset data) => Enumerable.Range(0, data.Count).Select(i => (int)data.Views[0].Sample(i)[0]).ToArray();

    [Fact]
    public void RandomSplit_IsDisjointCompleteAndSeeded()
    {
        var pool = Numbered(100);
        var split = DatasetSplit.Random(pool, validationFraction: 0.1, testFraction: 0.2, seed: 5);

        Assert.Equal(70, split.Train.Count);
        Assert.Equal(10, split.Validation.Count);
        Assert.Equal(20, split.Test.Count);
        var all = Ids(split.Train).Concat(Ids(split.Validation)).Concat(Ids(split.Test)).Order();
        Assert.Equal(Enumerable.Range(0, 100), all);
        // Views and labels stay aligned.
        for (int i = 0; i < split.Test.Count; i++)
        {
            int id = Ids(split.Test)[i];
            Assert.Equal(-id, split.Test.Views[1].Sample(i)[0]);
            Assert.Equal(id % 4, split.Test.Labels![i]);
        }
        Assert.Equal(Ids(split.Test), Ids(DatasetSplit.Random(pool, 0.1, 0.2, seed: 5).Test));
        Assert.NotEqual(Ids(split.Test), Ids(DatasetSplit.Random(pool, 0.1, 0.2, seed: 6).Test));
    }

    [Fact]
    public void Loader_ShufflesPerEpochReproducibly_AndDropsTheShortBatch()
    {
        var data = Numbered(10);
        var loader = new MiniBatchLoader(data, batchSize: 4, shuffle: true, seed: 1, dropLast: true);

        Assert.Equal(2, loader.BatchesPerEpoch);
        Assert.Equal(loader.Order(3), new MiniBatchLoader(data, 4, true, 1, true).Order(3));
        Assert.NotEqual(loader.Order(0), loader.Order(1));

        using var scope = NewDisposeScope();
        var batches = loader.Epoch(0, CPU).ToList();
        Assert.Equal(2, batches.Count);
        Assert.Equal(loader.Order(0)[..8], batches.SelectMany(b => b.Indices));
        var first = batches[0];
        Assert.Equal([4L, 2L], first.Views[0].shape);
        Assert.Equal([4L, 1L], first.Views[1].shape);
        Assert.Equal(first.Indices.Select(i => (float)i), first.Views[0][.., 0].data<float>().ToArray());
        Assert.Equal(first.Indices.Select(i => (long)(i % 4)), first.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void Loader_ReshapesToTheModelsSampleShape()
    {
        var data = Numbered(6);
        var loader = new MiniBatchLoader(data, batchSize: 3, shuffle: false, seed: 0, dropLast: false, viewShapes: [[1, 2, 1], [1]]);
        using var scope = NewDisposeScope();
        var batch = loader.Epoch(0, CPU).First();
        Assert.Equal([3L, 1, 2, 1], batch.Views[0].shape);
    }

    [Fact]
    public void Loader_RefusesABatchLargerThanTheData()
    {
        var error = Assert.Throws<DataShapeException>(() => new MiniBatchLoader(Numbered(5), 8, true, 0, dropLast: true));
        Assert.Contains("batch size 8 is larger than the 5 samples", error.Message);
    }
}
