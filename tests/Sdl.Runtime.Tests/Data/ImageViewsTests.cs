using Sdl.Runtime.Data;

namespace Sdl.Runtime.Tests.Data;

public class ImageViewsTests
{
    static LabeledImages RandomImages(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 28 * 28];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray();
        return new LabeledImages(pixels, labels, 28, 28, "random test images");
    }

    [Fact]
    public void LeftRightHalves_PutEveryPixelInExactlyOneHalf()
    {
        var images = RandomImages(5, seed: 21);
        var halves = ImageViews.LeftRightHalves(images);

        Assert.Equal(2, halves.Views.Count);
        Assert.Equal(392, halves.Views[0].Width);
        Assert.Equal(392, halves.Views[1].Width);
        for (int n = 0; n < images.Count; n++)
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++)
                {
                    var view = c < 14 ? halves.Views[0] : halves.Views[1];
                    Assert.Equal(images.Image(n)[r * 28 + c] / 255f, view.Sample(n)[r * 14 + c % 14]);
                }
        Assert.Equal(images.Labels.Select(l => (int)l), halves.Labels!);
    }

    [Fact]
    public void NoisyPairs_WithoutRotationOrNoise_PairSameClassImages()
    {
        var images = RandomImages(30, seed: 4);
        var pairs = ImageViews.NoisyPairs(images, seed: 8, maxRotationDegrees: 0, noiseLevel: 0);

        for (int n = 0; n < images.Count; n++)
        {
            // View 1 is the image itself (rotation by 0).
            for (int p = 0; p < 784; p += 13)
                Assert.Equal(images.Image(n)[p] / 255.0, pairs.Views[0].Sample(n)[p], 5);
            // View 2 is a different image of the same class.
            var partner = Enumerable.Range(0, images.Count).Single(m => m != n && Enumerable.Range(0, 784).All(p => Math.Abs(images.Image(m)[p] / 255f - pairs.Views[1].Sample(n)[p]) < 1e-6));
            Assert.Equal(images.Labels[n], images.Labels[partner]);
        }
    }

    [Fact]
    public void NoisyPairs_RotateAndAddBoundedNoise_Reproducibly()
    {
        var images = RandomImages(12, seed: 6);
        var first = ImageViews.NoisyPairs(images, seed: 3);
        var again = ImageViews.NoisyPairs(images, seed: 3);
        var other = ImageViews.NoisyPairs(images, seed: 4);

        Assert.Equal(first.Views[1].Values, again.Views[1].Values);
        Assert.NotEqual(first.Views[1].Values, other.Views[1].Values);
        Assert.All(first.Views[1].Values, v => Assert.InRange(v, 0f, 1f));
        Assert.All(first.Views[0].Values, v => Assert.InRange(v, 0f, 1f));
        // A rotated image is not the original image.
        Assert.NotEqual(images.Image(0).ToArray().Select(b => b / 255f), first.Views[0].Sample(0).ToArray());
    }

    [Fact]
    public void ViewsWithDifferentSampleCounts_AreRejectedInWords()
    {
        var error = Assert.Throws<DataShapeException>(() => new MultiViewDataset(
            [new ViewData("left", new float[10 * 4], 4), new ViewData("right", new float[9 * 4], 4)], null, "paired test data"));
        Assert.Contains("views with different sample counts", error.Message);
        Assert.Contains("'left' has 10", error.Message);
        Assert.Contains("'right' has 9", error.Message);
    }
}
