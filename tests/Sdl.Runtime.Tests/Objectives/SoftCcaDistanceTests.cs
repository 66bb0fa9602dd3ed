using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

public class SoftCcaDistanceTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void MatchesTheFloat64Reference(int views)
    {
        var random = new Random(60 + views);
        var values = Enumerable.Range(0, views).Select(_ => Float64Sdl.CorrelatedBatch(random, 24, 5, 0.3)).ToArray();
        var inputs = values.Select(v => tensor(v, float64)).ToArray();

        Assert.Equal(Float64Sdl.SoftCcaDistance(values), new SoftCcaDistance().forward(inputs).item<double>(), 1e-10);
    }

    [Fact]
    public void IsInvariantToScaleAndShift_SoItCannotCollapse()
    {
        var random = new Random(63);
        var a = tensor(Float64Sdl.GaussianMatrix(random, 32, 4), float64);
        var b = tensor(Float64Sdl.GaussianMatrix(random, 32, 4), float64);
        var distance = new SoftCcaDistance();

        double original = distance.forward([a, b]).item<double>();
        double shrunk = distance.forward([a * 0.2 + 3, b * 0.2 - 1]).item<double>();

        Assert.True(original > 1, "unrelated views should be far apart");
        Assert.Equal(original, shrunk, 1e-2); // equal up to the ε of the batch normalisation (ε/var ≈ 2.5e-4)
    }

    [Fact]
    public void IdenticalViews_HaveZeroDistance_AndNegatedViewsTheMaximum()
    {
        var random = new Random(64);
        const int m = 20, k = 3;
        var a = tensor(Float64Sdl.GaussianMatrix(random, m, k), float64);
        var distance = new SoftCcaDistance();

        Assert.Equal(0, distance.forward([a, a.clone()]).item<double>(), 1e-12);
        // ‖z − (−z)‖² = 4‖z‖² = 4·m·k·var/(var+ε) for unit-variance columns.
        Assert.Equal(4.0 * k, distance.forward([a, -a]).item<double>(), 1e-3);
    }
}
