using Sdl.Dsl;
using Sdl.Runtime.Losses;
using TorchSharp;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Losses;

public class SdlReferenceTests
{
    [Theory]
    [InlineData(0.0, SdlGradient.HandDerived, SdlNorm.L1)]
    [InlineData(0.5, SdlGradient.HandDerived, SdlNorm.L1)]
    [InlineData(0.9, SdlGradient.HandDerived, SdlNorm.L1)]
    [InlineData(0.9, SdlGradient.Autograd, SdlNorm.L1)]
    [InlineData(0.0, SdlGradient.HandDerived, SdlNorm.Squared)]
    [InlineData(0.5, SdlGradient.HandDerived, SdlNorm.Squared)]
    [InlineData(0.9, SdlGradient.HandDerived, SdlNorm.Squared)]
    [InlineData(0.9, SdlGradient.Autograd, SdlNorm.Squared)]
    public void MatchesFloat64Reference_OverSeveralSteps(double alpha, SdlGradient gradient, SdlNorm norm)
    {
        const int m = 32, k = 6, steps = 4;
        var random = new Random(1234 + (int)(alpha * 100));
        var sdl = new StochasticDecorrelationLoss(k, alpha, norm: norm) { Gradient = gradient };
        sdl.to(ScalarType.Float64); // buffers in float64 too, so the comparison is exact to 1e-9
        sdl.train();
        var reference = new Float64Sdl(k, alpha, norm);
        double expected = double.NaN, actual = double.NaN;
        for (int s = 0; s < steps; s++)
        {
            // Correlated features: a shared factor plus noise, so the loss is far from zero.
            var batch = Float64Sdl.CorrelatedBatch(random, m, k, 0.3);
            expected = reference.Step(batch);
            using var input = tensor(batch, ScalarType.Float64);
            actual = sdl.forward(input).item<double>();
        }
        Assert.True(expected > (norm == SdlNorm.L1 ? 1 : 0.5), $"the test data should be correlated (reference loss {expected})");
        Assert.Equal(expected, actual, 1e-9);
        Assert.Equal(reference.Count, sdl.AccumulatedCount.item<double>(), 1e-12);
    }

    [Fact]
    public void SquaredGradient_FadesWithTheCorrelations_WhileTheL1GradientDoesNot()
    {
        // The mechanism behind the default: on nearly independent features (sample correlations
        // ~ 1/√m), sign(Φ) pushes every pair at full strength; 2Φ pushes in proportion to what is left.
        const int k = 16;
        var random = new Random(4321);
        double GradientNorm(SdlNorm norm, int m, double loading)
        {
            var batch = Float64Sdl.CorrelatedBatch(random, m, k, loading);
            var sdl = new StochasticDecorrelationLoss(k, 0, norm: norm);
            sdl.to(ScalarType.Float64);
            using var input = tensor(batch, ScalarType.Float64).requires_grad_(true);
            sdl.forward(input).backward();
            return input.grad!.norm().item<double>() * Math.Sqrt(m);
        }
        double l1Correlated = GradientNorm(SdlNorm.L1, 4096, 0.3), l1Independent = GradientNorm(SdlNorm.L1, 4096, 0);
        double squaredCorrelated = GradientNorm(SdlNorm.Squared, 4096, 0.3), squaredIndependent = GradientNorm(SdlNorm.Squared, 4096, 0);
        Assert.True(squaredIndependent < 0.05 * squaredCorrelated, $"squared: {squaredIndependent} independent vs {squaredCorrelated} correlated");
        Assert.True(l1Independent > 0.2 * l1Correlated, $"L1: {l1Independent} independent vs {l1Correlated} correlated");
    }
}
