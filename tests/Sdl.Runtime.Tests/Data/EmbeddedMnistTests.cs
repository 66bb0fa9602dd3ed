using Sdl.Runtime.Data;

namespace Sdl.Runtime.Tests.Data;

public class EmbeddedMnistTests
{
    static readonly Lazy<ImageDataSource> Embedded = new(ImageDataSource.LoadEmbedded);

    [Fact]
    public void Loads10000DigitsOf28By28_WithoutASeparateTestSet()
    {
        var source = Embedded.Value;
        Assert.Equal(10_000, source.Train.Count);
        Assert.Equal(28, source.Train.Rows);
        Assert.Equal(28, source.Train.Columns);
        Assert.Null(source.Test);
    }

    [Fact]
    public void HasTenClasses_EachBetween8And12Percent_WithThePackagesCounts()
    {
        var counts = Embedded.Value.Train.ClassCounts();
        Assert.Equal(10, counts.Length);
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
        // The per-class image counts of the npm package's src/digits/<d>.json files.
        Assert.Equal([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978], counts);
    }

    [Fact]
    public void PixelsLookLikeDigits_DarkBackgroundFullRangeInk()
    {
        var train = Embedded.Value.Train;
        Assert.Equal(0, train.Pixels.Min());
        Assert.Equal(255, train.Pixels.Max());
        // MNIST digits cover roughly a fifth of the image: most pixels are background.
        double inked = train.Pixels.Count(p => p > 0) / (double)train.Pixels.Length;
        Assert.InRange(inked, 0.1, 0.3);
        // The border rows are blank in MNIST's 20×20-in-28×28 framing.
        for (int n = 0; n < train.Count; n += 97)
            Assert.All(train.Image(n)[..28].ToArray(), p => Assert.Equal(0, p));
    }
}
