using Sdl.Runtime.Data;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Data;

public class ChunkedNpyViewsTests
{
    [Theory]
    [InlineData("<f4")]
    [InlineData(">f8")]
    [InlineData("<i2")]
    public void RowRanges_EqualTheWholeFileReader(string descr)
    {
        using var files = new NpyTestFiles();
        var values = NpyTestFiles.Values(descr, 23 * 4, seed: 8);
        var path = files.Write("view.npy", NpyTestFiles.Npy(descr, [23, 2, 2], values));
        var whole = NpyReader.Read(path).Values;
        using var map = NpyMemoryMap.Open(path);
        Assert.Equal((23L, 4), (map.Count, map.Width));
        var rows = new float[5 * 4];
        map.ReadRows(17, 5, rows);
        Assert.Equal(whole.AsSpan(17 * 4, 20).ToArray(), rows);
    }

    [Fact]
    public void AnEpoch_VisitsEverySampleOnce_InFullBatches_AlignedAcrossViews_AndDependsOnlyOnTheSeed()
    {
        using var files = new NpyTestFiles();
        int count = 103;
        // Feature 0 of each view is the sample number, so alignment and coverage can be read off the batches.
        var left = Enumerable.Range(0, count).SelectMany(i => new double[] { i, i * 0.5, -i }).ToArray();
        var right = Enumerable.Range(0, count).SelectMany(i => new double[] { i, 7 }).ToArray();
        using var views = ChunkedNpyViews.Open(
            [("Left", files.Write("left.npy", NpyTestFiles.Npy("<f4", [count, 3], left))), ("Right", files.Write("right.npy", NpyTestFiles.Npy("<f8", [count, 2], right)))],
            chunkRows: 10);

        var seen = new List<int>();
        foreach (var batch in views.Epoch(epoch: 2, batchSize: 8, seed: 1, CPU))
        {
            Assert.Equal(8, batch.Size);
            var l = batch.Views[0].data<float>().ToArray();
            var r = batch.Views[1].data<float>().ToArray();
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(batch.Indices[i], (int)l[3 * i]);
                Assert.Equal(batch.Indices[i], (int)r[2 * i]);
            }
            seen.AddRange(batch.Indices);
        }
        Assert.Equal(96, seen.Count); // 103 samples: 12 full batches, 7 left over
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.NotEqual(seen.Take(20), seen.Order().Take(20)); // shuffled
        Assert.Equal(seen, views.Epoch(2, 8, 1, CPU).SelectMany(b => b.Indices));
        Assert.NotEqual(seen, views.Epoch(3, 8, 1, CPU).SelectMany(b => b.Indices));
    }

    [Fact]
    public void BadFiles_AreNamed_BeforeOrWhileReading()
    {
        using var files = new NpyTestFiles();
        var fortran = files.Write("f.npy", NpyTestFiles.Npy("<f4", [4, 2], new double[8], fortran: true));
        Assert.Contains("Fortran order", Assert.Throws<DataFileException>(() => NpyMemoryMap.Open(fortran)).Message);

        var a = files.Write("a.npy", NpyTestFiles.Npy("<f4", [4, 2], new double[8]));
        var b = files.Write("b.npy", NpyTestFiles.Npy("<f4", [5, 2], new double[10]));
        var mismatch = Assert.Throws<DataFileException>(() => ChunkedNpyViews.Open([("A", a), ("B", b)]));
        Assert.Equal(b, mismatch.FilePath);
        Assert.Contains("view 'B' has 5 samples but view 'A'", mismatch.Message);

        var nan = files.Write("nan.npy", NpyTestFiles.Npy("<f4", [4, 2], [0, 1, 2, 3, 4, double.NaN, 6, 7]));
        using var map = NpyMemoryMap.Open(nan);
        var error = Assert.Throws<DataFileException>(() => map.ReadRows(1, 3, new float[6]));
        Assert.Contains("NaN at sample 2, feature 1", error.Message);
    }
}
