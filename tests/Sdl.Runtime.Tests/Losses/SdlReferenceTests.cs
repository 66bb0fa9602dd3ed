using Sdl.Runtime.Losses;
using TorchSharp;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Losses;

public class SdlReferenceTests
{
    [Theory]
    [InlineData(0.0, SdlGradient.HandDerived)]
    [InlineData(0.5, SdlGradient.HandDerived)]
    [InlineData(0.9, SdlGradient.HandDerived)]
    [InlineData(0.9, SdlGradient.Autograd)]
    public void MatchesFloat64Reference_OverSeveralSteps(double alpha, SdlGradient gradient)
    {
        const int m = 32, k = 6, steps = 4;
        var random = new Random(1234 + (int)(alpha * 100));
        var sdl = new StochasticDecorrelationLoss(k, alpha) { Gradient = gradient };
        sdl.to(ScalarType.Float64); // buffers in float64 too, so the comparison is exact to 1e-9
        sdl.train();
        var reference = new Float64Sdl(k, alpha);
        double expected = double.NaN, actual = double.NaN;
        for (int s = 0; s < steps; s++)
        {
            // Correlated features: a shared factor plus noise, so the loss is far from zero.
            var batch = Float64Sdl.CorrelatedBatch(random, m, k, 0.3);
            expected = reference.Step(batch);
            using var input = tensor(batch, ScalarType.Float64);
            actual = sdl.forward(input).item<double>();
        }
        Assert.True(expected > 1, $"the test data should be correlated (reference loss {expected})");
        Assert.Equal(expected, actual, 1e-9);
        Assert.Equal(reference.Count, sdl.AccumulatedCount.item<double>(), 1e-12);
    }
}
