using Sdl.Runtime.Metrics;
using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

public class DccaLossTests
{
    private static readonly double[] KnownCorrelations = [0.95, 0.8, 0.5];

    private static (Tensor View1, Tensor View2) Batch(int seed, int samples, int width1, int width2)
    {
        var random = new Random(seed);
        var (view1, view2) = SyntheticViews.Generate(random, samples, KnownCorrelations,
            width1 - KnownCorrelations.Length, width2 - KnownCorrelations.Length,
            new SyntheticViews.Mixing(random, width1), new SyntheticViews.Mixing(random, width2));
        return (tensor(view1, float64), tensor(view2, float64));
    }

    /// <summary>DCCA written with plain differentiable operations (eigh, svdvals) in float64: the autograd reference.</summary>
    private static Tensor AutogradDcca(Tensor view1, Tensor view2, long topK, double ridge)
    {
        static Tensor Whitening(Tensor centred, double ridge)
        {
            var covariance = centred.t().matmul(centred) / (centred.shape[0] - 1) + ridge * eye(centred.shape[1], dtype: float64);
            var (values, vectors) = linalg.eigh(covariance);
            return (vectors * values.rsqrt().unsqueeze(0)).matmul(vectors.t());
        }
        var h1 = view1 - view1.mean([0], keepdim: true);
        var h2 = view2 - view2.mean([0], keepdim: true);
        var t = Whitening(h1, ridge).matmul(h1.t().matmul(h2) / (h1.shape[0] - 1)).matmul(Whitening(h2, ridge));
        return -linalg.svdvals(t).narrow(0, 0, topK).sum();
    }

    [Fact]
    public void Loss_EqualsMinusLinearCcaTotalCorrelation_OfTheSameBatch()
    {
        var (view1, view2) = Batch(seed: 11, samples: 200, width1: 6, width2: 5);
        var cca = LinearCca.Fit(view1, view2, components: 3, ridge: 0);

        var loss = new DccaLoss(topK: 3, ridge: 0).forward(view1, view2).item<double>();

        Assert.Equal(-cca.TotalCorrelation(view1, view2, 3), loss, 1e-9);
    }

    [Fact]
    public void WithRidge_Loss_EqualsMinusTheRegularisedSingularValues()
    {
        var (view1, view2) = Batch(seed: 12, samples: 100, width1: 5, width2: 5);
        var cca = LinearCca.Fit(view1, view2, components: 4, ridge: 0.1);

        var loss = new DccaLoss(topK: 4, ridge: 0.1).forward(view1, view2).item<double>();

        Assert.Equal(-cca.TrainingCorrelations.Sum(), loss, 1e-9);
    }

    [Fact]
    public void OnALargeBatch_Loss_IsMinusTheKnownCanonicalCorrelations()
    {
        var (view1, view2) = Batch(seed: 13, samples: 20_000, width1: 5, width2: 4);

        var loss = new DccaLoss(topK: 3, ridge: 1e-6).forward(view1, view2).item<double>();

        // In-sample correlations of 3 pairs from 20,000 samples: bias ≈ widths/n, noise ≈ 0.01.
        Assert.Equal(-KnownCorrelations.Sum(), loss, 0.03);
    }

    [Theory]
    [InlineData(2, 0.0)]
    [InlineData(4, 1e-2)]
    public void ClosedFormGradient_EqualsAutogradAndFiniteDifferences(long topK, double ridge)
    {
        var (view1, view2) = Batch(seed: 14 + (int)topK, samples: 40, width1: 5, width2: 4);
        view1.requires_grad_(true);
        view2.requires_grad_(true);
        var dcca = new DccaLoss(topK, ridge, eigenvalueFloor: 1e-12);

        var loss = dcca.forward(view1, view2);
        loss.backward();
        var gradient1 = view1.grad!.clone();
        var gradient2 = view2.grad!.clone();
        view1.grad!.zero_(); view2.grad!.zero_();

        var reference = AutogradDcca(view1, view2, topK, ridge);
        reference.backward();
        Assert.Equal(reference.item<double>(), loss.item<double>(), 1e-10);
        Assert.True(gradient1.allclose(view1.grad!, rtol: 1e-7, atol: 1e-9), "view 1 gradient differs from autograd");
        Assert.True(gradient2.allclose(view2.grad!, rtol: 1e-7, atol: 1e-9), "view 2 gradient differs from autograd");

        // Central differences on a few entries of each view.
        using var noGrad = no_grad();
        var probe = new Random(3);
        const double step = 1e-6;
        foreach (var (view, gradient) in new[] { (view1, gradient1), (view2, gradient2) })
            for (int trial = 0; trial < 6; trial++)
            {
                long row = probe.Next((int)view.shape[0]), column = probe.Next((int)view.shape[1]);
                double original = view[row, column].item<double>();
                view[row, column] = original + step;
                double plus = dcca.forward(view1, view2).item<double>();
                view[row, column] = original - step;
                double minus = dcca.forward(view1, view2).item<double>();
                view[row, column] = original;
                Assert.Equal((plus - minus) / (2 * step), gradient[row, column].item<double>(), 1e-7);
            }
    }

    [Fact]
    public void BatchSmallerThanWidth_GivesAFiniteSaturatedLossAndFiniteGradient()
    {
        const int samples = 8, width = 16, topK = 10;
        var generator = new Generator(42);
        var view1 = randn([samples, width], dtype: float64, generator: generator).requires_grad_(true);
        var view2 = randn([samples, width], dtype: float64, generator: generator).requires_grad_(true);

        var loss = new DccaLoss(topK, ridge: 1e-4).forward(view1, view2);
        loss.backward();

        // Unrelated random views, yet m − 1 = 7 canonical pairs are (almost) perfectly correlated.
        double value = loss.item<double>();
        Assert.True(double.IsFinite(value));
        Assert.InRange(value, -(samples - 1), -0.95 * (samples - 1));
        Assert.True(view1.grad!.isfinite().all().item<bool>() && view2.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void Float32Input_ComputedInFloat64_ReturnsFloat32AndMatches()
    {
        var (view1, view2) = Batch(seed: 15, samples: 64, width1: 6, width2: 6);
        var single1 = view1.to(float32).requires_grad_(true);
        var single2 = view2.to(float32).requires_grad_(true);

        var loss = new DccaLoss(3, ridge: 1e-3).forward(single1, single2);
        loss.backward();

        Assert.Equal(ScalarType.Float32, loss.dtype);
        Assert.Equal(ScalarType.Float32, single1.grad!.dtype);
        Assert.Equal(new DccaLoss(3, ridge: 1e-3).forward(view1, view2).item<double>(), loss.item<float>(), 1e-5);
    }

    [Fact]
    public void InvalidSettingsAndShapes_AreReported()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DccaLoss(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DccaLoss(2, ridge: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DccaLoss(2, eigenvalueFloor: 0));
        var dcca = new DccaLoss(2);
        Assert.Throws<ArgumentException>(() => dcca.forward(ones(4, 3), ones(5, 3)));
    }
}
