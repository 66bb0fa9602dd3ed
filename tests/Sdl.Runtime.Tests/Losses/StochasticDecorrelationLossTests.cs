using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Losses;

public class StochasticDecorrelationLossTests
{
    private static StochasticDecorrelationLoss NewFloat64Sdl(int k, double alpha, SdlGradient gradient = SdlGradient.HandDerived, SdlReduction reduction = SdlReduction.Sum, SdlNorm norm = SdlDefaults.Norm)
    {
        var sdl = new StochasticDecorrelationLoss(k, alpha, reduction, norm) { Gradient = gradient };
        sdl.to(ScalarType.Float64);
        sdl.train();
        return sdl;
    }

    private static double Loss(StochasticDecorrelationLoss sdl, double[,] batch)
    {
        using var input = tensor(batch, float64);
        return sdl.forward(input).item<double>();
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void RunningCount_FollowsItsClosedForm(double alpha)
    {
        var random = new Random(31);
        var sdl = new StochasticDecorrelationLoss(4, alpha);
        sdl.train();
        for (int t = 1; t <= 6; t++)
        {
            using var batch = tensor(CorrelatedBatch(random, 16, 4), float32);
            sdl.forward(batch).Dispose();
            Assert.Equal((1 - Math.Pow(alpha, t)) / (1 - alpha), sdl.AccumulatedCount.item<float>(), 1e-5);
        }
    }

    private static double[,] CorrelatedBatch(Random random, int m, int k) => Float64Sdl.CorrelatedBatch(random, m, k, 0.4);

    [Fact]
    public void AtTheFirstStep_PhiIsTheBatchCovariance()
    {
        var random = new Random(32);
        var batch = CorrelatedBatch(random, 24, 5);
        var sdl = NewFloat64Sdl(5, alpha: 0.9);

        Loss(sdl, batch);

        var expected = Float64Sdl.BatchCovariance(batch);
        var phi = sdl.AccumulatedCovariance / sdl.AccumulatedCount;
        for (int a = 0; a < 5; a++)
            for (int b = 0; b < 5; b++)
                Assert.Equal(expected[a, b], phi[a, b].item<double>(), 1e-12);
    }

    [Theory]
    [InlineData(SdlNorm.L1)]
    [InlineData(SdlNorm.Squared)]
    public void AlphaZero_GivesThePerBatchLoss(SdlNorm norm)
    {
        var random = new Random(33);
        var sdl = NewFloat64Sdl(6, alpha: 0, norm: norm);
        for (int step = 0; step < 3; step++) Loss(sdl, CorrelatedBatch(random, 20, 6));

        var batch = CorrelatedBatch(random, 20, 6);
        var covariance = Float64Sdl.BatchCovariance(batch);
        double perBatch = 0;
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++)
                if (a != b) perBatch += norm == SdlNorm.L1 ? Math.Abs(covariance[a, b]) : Math.Pow(covariance[a, b], 2);

        Assert.Equal(perBatch, Loss(sdl, batch), 1e-10);
        Assert.Equal(1.0, sdl.AccumulatedCount.item<double>());
    }

    [Theory]
    [InlineData(SdlGradient.HandDerived, SdlNorm.L1)]
    [InlineData(SdlGradient.Autograd, SdlNorm.L1)]
    [InlineData(SdlGradient.HandDerived, SdlNorm.Squared)]
    [InlineData(SdlGradient.Autograd, SdlNorm.Squared)]
    public void EvaluationMode_ReturnsTheUpdatedLoss_ButLeavesTheBuffersUnchanged(SdlGradient gradient, SdlNorm norm)
    {
        var random = new Random(34);
        var sdl = NewFloat64Sdl(5, alpha: 0.8, gradient, norm: norm);
        var reference = new Float64Sdl(5, 0.8, norm);
        for (int step = 0; step < 3; step++)
        {
            var warmUp = CorrelatedBatch(random, 16, 5);
            Loss(sdl, warmUp);
            reference.Step(warmUp);
        }
        var covarianceBefore = sdl.AccumulatedCovariance.clone();
        var countBefore = sdl.AccumulatedCount.item<double>();

        var batch = CorrelatedBatch(random, 16, 5);
        sdl.eval();
        double evaluated = Loss(sdl, batch);

        Assert.True(sdl.AccumulatedCovariance.eq(covarianceBefore).all().item<bool>(), "eval must not change sigma_accu");
        Assert.Equal(countBefore, sdl.AccumulatedCount.item<double>());
        Assert.Equal(reference.Step(batch), evaluated, 1e-10);
        sdl.train();
        Assert.Equal(evaluated, Loss(sdl, batch), 1e-12);
        Assert.False(sdl.AccumulatedCovariance.eq(covarianceBefore).all().item<bool>(), "training must update sigma_accu");
    }

    [Theory]
    [InlineData(SdlReduction.Sum, 0.7, SdlNorm.L1)]
    [InlineData(SdlReduction.Mean, 0.5, SdlNorm.L1)]
    [InlineData(SdlReduction.Sum, 0.7, SdlNorm.Squared)]
    [InlineData(SdlReduction.Mean, 0.5, SdlNorm.Squared)]
    [InlineData(SdlReduction.Sum, 0.0, SdlNorm.Squared)]
    public void HandDerivedGradient_EqualsAutogradAndFiniteDifferences(SdlReduction reduction, double alpha, SdlNorm norm)
    {
        const int m = 12, k = 7;
        var random = new Random(35 + (int)reduction + 10 * (int)norm);
        var warmUps = Enumerable.Range(0, 2).Select(_ => CorrelatedBatch(random, m, k)).ToArray();
        StochasticDecorrelationLoss WarmedUp(SdlGradient gradient)
        {
            var sdl = NewFloat64Sdl(k, alpha, gradient, reduction, norm);
            foreach (var batch in warmUps) Loss(sdl, batch);
            return sdl;
        }
        var batchValues = CorrelatedBatch(random, m, k);
        Tensor GradientOf(StochasticDecorrelationLoss sdl)
        {
            var input = tensor(batchValues, float64).requires_grad_(true);
            sdl.forward(input).backward();
            return input.grad!;
        }

        var handDerived = GradientOf(WarmedUp(SdlGradient.HandDerived));
        var autograd = GradientOf(WarmedUp(SdlGradient.Autograd));
        Assert.True(handDerived.abs().max().item<double>() > 1e-3, "the gradient should not be trivially zero");
        Assert.True(handDerived.allclose(autograd, rtol: 1e-10, atol: 1e-13), $"max difference {(handDerived - autograd).abs().max().item<double>()}");

        // Central differences in evaluation mode, which returns the training step's loss without
        // moving the buffers, so every probe sees the same history.
        var probe = WarmedUp(SdlGradient.HandDerived);
        probe.eval();
        var input = tensor(batchValues, float64);
        const double step = 1e-6;
        for (int trial = 0; trial < 10; trial++)
        {
            long row = random.Next(m), column = random.Next(k);
            double original = batchValues[row, column];
            input[row, column] = original + step;
            double plus = probe.forward(input).item<double>();
            input[row, column] = original - step;
            double minus = probe.forward(input).item<double>();
            input[row, column] = original;
            double expected = (plus - minus) / (2 * step);
            Assert.True(Math.Abs(expected - handDerived[row, column].item<double>()) <= 1e-7 * Math.Max(1, Math.Abs(expected)), $"finite difference {expected}, hand-derived {handDerived[row, column].item<double>()}");
        }
    }

    [Theory]
    [InlineData(SdlNorm.L1)]
    [InlineData(SdlNorm.Squared)]
    public void SaveAndLoad_RestoreTheBuffers(SdlNorm norm)
    {
        var random = new Random(36);
        var sdl = NewFloat64Sdl(4, alpha: 0.9, norm: norm);
        for (int step = 0; step < 3; step++) Loss(sdl, CorrelatedBatch(random, 10, 4));
        Assert.Equal(["sigma_accu", "count"], sdl.state_dict().Keys.ToArray());

        var path = Path.Combine(Path.GetTempPath(), $"sdl-{Guid.NewGuid():N}.bin");
        try
        {
            sdl.save(path);
            var restored = NewFloat64Sdl(4, alpha: 0.9, norm: norm);
            restored.load(path);

            Assert.True(restored.AccumulatedCovariance.eq(sdl.AccumulatedCovariance).all().item<bool>());
            Assert.Equal(sdl.AccumulatedCount.item<double>(), restored.AccumulatedCount.item<double>());
            var next = CorrelatedBatch(random, 10, 4);
            Assert.Equal(Loss(sdl, next), Loss(restored, next), 1e-12);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(SdlNorm.L1)]
    [InlineData(SdlNorm.Squared)]
    public void IndependentFeatures_GiveASmallLoss_CorrelatedFeaturesALargeOne(SdlNorm norm)
    {
        const int m = 4000, k = 8;
        var random = new Random(37);
        var independent = new double[m, k];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++) independent[i, j] = SyntheticViews.Gaussian(random);
        var correlated = Float64Sdl.CorrelatedBatch(random, m, k, 0.3);

        double independentLoss = Loss(NewFloat64Sdl(k, 0.9, norm: norm), independent);
        double correlatedLoss = Loss(NewFloat64Sdl(k, 0.9, norm: norm), correlated);

        Assert.Equal(new Float64Sdl(k, 0.9, norm).Step(independent), independentLoss, 1e-10);
        Assert.Equal(new Float64Sdl(k, 0.9, norm).Step(correlated), correlatedLoss, 1e-10);
        // Sample correlations of independent features are ≈ N(0, 1/m): E|r| = √(2/(π m)) and E r² = 1/m per entry.
        double expectedIndependent = k * (k - 1) * (norm == SdlNorm.L1 ? Math.Sqrt(2 / (Math.PI * m)) : 1.0 / m);
        Assert.InRange(independentLoss, 0.6 * expectedIndependent, 1.4 * expectedIndependent);
        Assert.True(correlatedLoss > 20 * independentLoss, $"correlated {correlatedLoss} vs independent {independentLoss}");
    }

    [Theory]
    [InlineData(SdlNorm.L1)]
    [InlineData(SdlNorm.Squared)]
    public void MeanReduction_IsTheSumOverTheOffDiagonalCount(SdlNorm norm)
    {
        var random = new Random(38);
        var batch = CorrelatedBatch(random, 16, 5);
        Assert.Equal(Loss(NewFloat64Sdl(5, 0.9, norm: norm), batch) / 20, Loss(NewFloat64Sdl(5, 0.9, reduction: SdlReduction.Mean, norm: norm), batch), 1e-12);
    }

    [Theory]
    [InlineData(SdlNorm.L1)]
    [InlineData(SdlNorm.Squared)]
    public void Float32Module_MatchesTheFloat64Reference(SdlNorm norm)
    {
        var random = new Random(39);
        var sdl = new StochasticDecorrelationLoss(6, 0.9, norm: norm);
        var reference = new Float64Sdl(6, 0.9, norm);
        double expected = 0, actual = 0;
        for (int step = 0; step < 3; step++)
        {
            var batch = CorrelatedBatch(random, 32, 6);
            expected = reference.Step(batch);
            using var input = tensor(batch, float32).requires_grad_(true);
            using var loss = sdl.forward(input);
            loss.backward();
            actual = loss.item<float>();
            Assert.True(input.grad!.isfinite().all().item<bool>());
        }
        Assert.Equal(expected, actual, 1e-4 * expected);
    }

    [Fact]
    public void Float64InputOnAFloat32Module_KeepsFloat64InTheStepAndUpdatesTheBuffers()
    {
        var random = new Random(40);
        var sdl = new StochasticDecorrelationLoss(5, 0.9);
        var reference = new Float64Sdl(5, 0.9);
        double expected = 0, actual = 0;
        for (int step = 0; step < 3; step++)
        {
            var batch = CorrelatedBatch(random, 24, 5);
            expected = reference.Step(batch);
            using var input = tensor(batch, float64).requires_grad_(true);
            using var loss = sdl.forward(input);
            loss.backward();
            Assert.Equal(ScalarType.Float64, loss.dtype);
            Assert.Equal(ScalarType.Float64, input.grad!.dtype);
            actual = loss.item<double>();
        }
        // The history is kept in the float32 buffers, so agreement is to float32 precision.
        Assert.Equal(expected, actual, 1e-5 * expected);
        Assert.Equal(ScalarType.Float32, sdl.AccumulatedCovariance.dtype);
        Assert.Equal(reference.Count, sdl.AccumulatedCount.item<float>(), 1e-6);
    }

    [Fact]
    public void UnderNoGrad_GivesTheSameLossWithoutAGraph()
    {
        var random = new Random(41);
        var batch = CorrelatedBatch(random, 16, 4);
        var evaluating = NewFloat64Sdl(4, 0.9);
        var training = NewFloat64Sdl(4, 0.9);
        using var input = tensor(batch, float64).requires_grad_(true);

        double withGraph = training.forward(input).item<double>();
        using (no_grad())
        {
            var loss = evaluating.forward(input);
            Assert.False(loss.requires_grad);
            Assert.Equal(withGraph, loss.item<double>(), 1e-12);
        }
    }
}
