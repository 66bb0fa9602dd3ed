using Sdl.Runtime.Metrics;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Metrics;

public class LinearProbeTests
{
    /// <summary>Gaussian blobs: class c has mean <c>separation·e_c</c> in d dimensions, unit noise.</summary>
    private static (Tensor Embeddings, Tensor Labels) Blobs(Random random, int n, int d, int classes, double separation)
    {
        var x = Float64Sdl.GaussianMatrix(random, n, d);
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.Next(classes);
            x[i, labels[i]] += separation;
        }
        return (tensor(x, float64) * 5 + 2, tensor(labels)); // scale and shift: the probe standardises
    }

    [Fact]
    public void SeparableClasses_AreClassifiedAlmostPerfectly()
    {
        var random = new Random(110);
        var (train, trainLabels) = Blobs(random, 300, 6, 3, separation: 10);
        var (test, testLabels) = Blobs(random, 300, 6, 3, separation: 10);

        var probe = LinearProbe.Fit(train, trainLabels);

        Assert.Equal(3, probe.Classes);
        Assert.Equal(1.0, probe.TrainingAccuracy);
        Assert.True(probe.Accuracy(test, testLabels) >= 0.99, $"test accuracy {probe.Accuracy(test, testLabels)}");
    }

    [Fact]
    public void OverlappingClasses_GiveTheBayesAccuracy()
    {
        // Two classes at ±1 along one axis with unit noise: the best linear rule errs with probability Φ(−1) ≈ 0.1587.
        var random = new Random(111);
        const int n = 4000;
        var x = Float64Sdl.GaussianMatrix(random, n, 3);
        var labels = new long[n];
        for (int i = 0; i < n; i++) { labels[i] = random.Next(2); x[i, 0] += labels[i] == 1 ? 1 : -1; }
        var (train, test) = (tensor(x, float64).narrow(0, 0, n / 2), tensor(x, float64).narrow(0, n / 2, n / 2));
        var (trainLabels, testLabels) = (tensor(labels).narrow(0, 0, n / 2), tensor(labels).narrow(0, n / 2, n / 2));

        var accuracy = LinearProbe.Fit(train, trainLabels).Accuracy(test, testLabels);

        Assert.InRange(accuracy, 1 - 0.1587 - 0.025, 1 - 0.1587 + 0.025);
    }

    [Fact]
    public void RandomLabels_GiveChanceAccuracyOnNewData()
    {
        var random = new Random(112);
        var train = tensor(Float64Sdl.GaussianMatrix(random, 600, 8), float64);
        var test = tensor(Float64Sdl.GaussianMatrix(random, 600, 8), float64);
        var trainLabels = tensor(Enumerable.Range(0, 600).Select(_ => (long)random.Next(3)).ToArray());
        var testLabels = tensor(Enumerable.Range(0, 600).Select(_ => (long)random.Next(3)).ToArray());

        Assert.InRange(LinearProbe.Fit(train, trainLabels).Accuracy(test, testLabels), 0.25, 0.42);
    }

    [Fact]
    public void BadLabels_AreReported()
    {
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(ones(4, 2), tensor(new long[] { 0, 1, 2 })));
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(ones(3, 2), tensor(new long[] { 0, 1, 5 }), classes: 3));
    }
}
