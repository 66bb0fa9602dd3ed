using System.IO.Compression;
using Sdl.Runtime.Data;
using Sdl.Runtime.Tests.Support;

namespace Sdl.Runtime.Tests.Data;

/// <summary>
/// The full Fashion-MNIST of the Debian package <c>dataset-fashion-mnist</c>, read byte for byte.
/// CI installs the package and sets SDL_REQUIRE_OPTIONAL_DATA=1 (.ci/run); elsewhere the tests are
/// skipped with that reason when the package is absent (<c>apt-get install dataset-fashion-mnist</c>).
/// </summary>
public class FashionMnistTests
{
    const string Folder = "/usr/share/datasets/fashion-mnist";
    const string Package = "dataset-fashion-mnist";

    static readonly Lazy<ImageDataSource> Source = new(() =>
    {
        Assert.True(Directory.Exists(Folder), $"{Folder} is missing: install the Debian package dataset-fashion-mnist (.ci/run does, and requires it with SDL_REQUIRE_OPTIONAL_DATA=1).");
        return ImageDataSource.Load(Folder);
    });

    /// <summary>The data bytes of an IDX file decoded independently of the reader: gunzip and skip the header.</summary>
    static byte[] IndependentDecode(string path, int headerLength)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var all = new MemoryStream();
        gzip.CopyTo(all);
        return all.ToArray()[headerLength..];
    }

    [OptionalDataFact(Folder, Package)]
    public void Loads60000TrainAnd10000TestImages_EachClassBalanced()
    {
        var source = Source.Value;
        Assert.Equal(60_000, source.Train.Count);
        Assert.Equal(10_000, source.Test!.Count);
        Assert.Equal((28, 28), (source.Train.Rows, source.Train.Columns));
        Assert.All(source.Train.ClassCounts(), c => Assert.Equal(6_000, c));
        Assert.All(source.Test.ClassCounts(), c => Assert.Equal(1_000, c));
    }

    [OptionalDataFact(Folder, Package)]
    public void ReadsEveryByteAsStored()
    {
        var source = Source.Value;
        Assert.Equal(IndependentDecode(Path.Combine(Folder, "t10k-images-idx3-ubyte.gz"), 16), source.Test!.Pixels);
        Assert.Equal(IndependentDecode(Path.Combine(Folder, "t10k-labels-idx1-ubyte.gz"), 8), source.Test.Labels);
        Assert.Equal(IndependentDecode(Path.Combine(Folder, "train-labels-idx1-ubyte.gz"), 8), source.Train.Labels);
        Assert.True(IndependentDecode(Path.Combine(Folder, "train-images-idx3-ubyte.gz"), 16).AsSpan().SequenceEqual(source.Train.Pixels));
    }
}
