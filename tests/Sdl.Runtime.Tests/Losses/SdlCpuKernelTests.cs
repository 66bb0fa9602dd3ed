using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Losses;

/// <summary>
/// Float32 batches on the CPU take SDL's fused kernels (SdlCpuKernels); float64 takes libtorch's
/// operations, which the other SDL tests check against autograd and a float64 reference to 1e-9 or
/// better. These tests hold the float32 kernels to that float64 path, step by step.
/// </summary>
public class SdlCpuKernelTests
{
    // k = 13 and 37 are no multiple of any vector width (the element-by-element tails run), k = 40 is
    // one on AVX2 and AVX-512 alike (the diagonal falls in a vector block); from k = 128 on YᵀY is
    // computed by symmetric blocks (k = 131: blocks of 65 and 66 columns, tails in both).
    [Theory]
    [InlineData(SdlNorm.Squared, 0.5, SdlReduction.Sum, 13)]
    [InlineData(SdlNorm.Squared, 0.9, SdlReduction.Mean, 40)]
    [InlineData(SdlNorm.Squared, 0.0, SdlReduction.Sum, 37)]
    [InlineData(SdlNorm.L1, 0.5, SdlReduction.Sum, 13)]
    [InlineData(SdlNorm.L1, 0.9, SdlReduction.Mean, 40)]
    [InlineData(SdlNorm.L1, 0.0, SdlReduction.Sum, 37)]
    [InlineData(SdlNorm.Squared, 0.5, SdlReduction.Sum, 131)]
    [InlineData(SdlNorm.L1, 0.9, SdlReduction.Sum, 160)]
    public void Float32Kernels_MatchTheFloat64Path_InValueGradientAndBuffers(SdlNorm norm, double alpha, SdlReduction reduction, int k)
    {
        const int m = 50, steps = 3;
        const double weight = 0.3; // an incoming gradient other than 1, as inside an objective
        var random = new Random(500 + k);
        var fast = new StochasticDecorrelationLoss(k, alpha, reduction, norm);
        var exact = new StochasticDecorrelationLoss(k, alpha, reduction, norm);
        exact.to(ScalarType.Float64);
        for (int step = 0; step < steps; step++)
        {
            // Rounded to float32 first, so that both sides see the same numbers.
            var batch = RoundedToFloat32(Float64Sdl.CorrelatedBatch(random, m, k, 0.4));
            using var input32 = tensor(batch, float32).requires_grad_(true);
            using var input64 = tensor(batch, float64).requires_grad_(true);
            using var loss32 = fast.forward(input32);
            using var loss64 = exact.forward(input64);
            (loss32 * weight).backward();
            (loss64 * weight).backward();

            double expected = loss64.item<double>();
            Assert.Equal(expected, loss32.item<float>(), 2e-5 * expected);
            using var difference = input32.grad!.to(float64) - input64.grad!;
            double largest = input64.grad!.abs().max().item<double>();
            Assert.True(largest > 1e-4, "the gradient should not be trivially zero");
            Assert.True(difference.abs().max().item<double>() <= 2e-5 * largest, $"step {step}: max gradient difference {difference.abs().max().item<double>()} of {largest}");
            Assert.True(fast.AccumulatedCovariance.to(float64).allclose(exact.AccumulatedCovariance, rtol: 1e-5, atol: 1e-6));
            Assert.Equal(exact.AccumulatedCount.item<double>(), fast.AccumulatedCount.item<float>(), 1e-6);
        }
    }

    [Theory]
    [InlineData(SdlNorm.Squared)]
    [InlineData(SdlNorm.L1)]
    public void Float32Kernels_InEvaluationMode_ReturnTheUpdatedLoss_ButLeaveTheBuffersUnchanged(SdlNorm norm)
    {
        const int m = 40, k = 21;
        var random = new Random(510);
        var sdl = new StochasticDecorrelationLoss(k, 0.7, norm: norm);
        var reference = new Float64Sdl(k, 0.7, norm);
        for (int step = 0; step < 2; step++)
        {
            var batch = RoundedToFloat32(Float64Sdl.CorrelatedBatch(random, m, k, 0.4));
            reference.Step(batch);
            using var input = tensor(batch, float32);
            sdl.forward(input).Dispose();
        }
        using var covariance = sdl.AccumulatedCovariance.clone();
        using var count = sdl.AccumulatedCount.clone();
        var next = RoundedToFloat32(Float64Sdl.CorrelatedBatch(random, m, k, 0.4));

        sdl.eval();
        using var nextInput = tensor(next, float32).requires_grad_(true);
        using var evaluated = sdl.forward(nextInput);
        evaluated.backward();

        double expected = reference.Step(next);
        Assert.Equal(expected, evaluated.item<float>(), 2e-5 * expected);
        Assert.True(sdl.AccumulatedCovariance.eq(covariance).all().item<bool>());
        Assert.True(sdl.AccumulatedCount.eq(count).all().item<bool>());
        Assert.True(nextInput.grad!.isfinite().all().item<bool>());
    }

    /// <summary>
    /// The float32 error bound of the normalisation: only the scaling by σ⁻¹ is folded into the k×k
    /// side (one rounding per entry); the centring stays on the batch, so columns whose mean is 1000
    /// standard deviations away from zero lose no more than the other columns. The raw-moment route
    /// (ZᵀZ − m·μμᵀ on the k×k side) would cancel 6 of float32's 7 digits on such columns.
    /// </summary>
    [Theory]
    [InlineData(SdlNorm.Squared, 0.0)]
    [InlineData(SdlNorm.Squared, 1000.0)]
    [InlineData(SdlNorm.L1, 0.0)]
    [InlineData(SdlNorm.L1, 1000.0)]
    public void Float32Kernels_KeepTheirAccuracy_WhenMeansAreFarFromZero(SdlNorm norm, double offset)
    {
        const int m = 256, k = 32;
        var random = new Random(520);
        var batch = Float64Sdl.CorrelatedBatch(random, m, k, 0.3);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++) batch[i, j] += offset * (j % 3 - 1);
        batch = RoundedToFloat32(batch);

        double expected = new Float64Sdl(k, 0.5, norm).Step(batch);
        var sdl = new StochasticDecorrelationLoss(k, 0.5, norm: norm);
        using var input = tensor(batch, float32);
        double actual = sdl.forward(input).item<float>();

        // Measured: relative errors of 1e-7 to 1e-6 at both offsets; the bound leaves a factor of 10.
        Assert.True(Math.Abs(actual - expected) <= 1e-5 * expected, $"float32 {actual} vs float64 {expected} (relative {Math.Abs(actual - expected) / expected:E2})");
    }

    [Fact]
    public void Float32Kernels_UnderNoGrad_GiveTheTrainingValueWithoutAGraph()
    {
        var random = new Random(530);
        var batch = RoundedToFloat32(Float64Sdl.CorrelatedBatch(random, 30, 9, 0.4));
        var training = new StochasticDecorrelationLoss(9, 0.5);
        var evaluating = new StochasticDecorrelationLoss(9, 0.5);
        using var input = tensor(batch, float32).requires_grad_(true);
        float withGraph = training.forward(input).item<float>();
        using (no_grad())
        {
            using var loss = evaluating.forward(input);
            Assert.False(loss.requires_grad);
            Assert.Equal(withGraph, loss.item<float>());
        }
    }

    private static double[,] RoundedToFloat32(double[,] values)
    {
        var rounded = (double[,])values.Clone();
        for (int i = 0; i < rounded.GetLength(0); i++)
            for (int j = 0; j < rounded.GetLength(1); j++) rounded[i, j] = (float)rounded[i, j];
        return rounded;
    }
}
