using Sdl.Dsl;
using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

public class DccaEyLossTests
{
    /// <summary>Views that share one factor each, plus noise, so A and B are far from zero and from each other.</summary>
    private static double[][,] Views(int seed, int views, int m, int k)
    {
        var random = new Random(seed);
        var shared = Float64Sdl.GaussianMatrix(random, m, k);
        return Enumerable.Range(0, views).Select(v =>
        {
            var noise = Float64Sdl.GaussianMatrix(random, m, k);
            var view = new double[m, k];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < k; j++) view[i, j] = (0.5 + 0.3 * v) * shared[i, (j + v) % k] + noise[i, j] + v;
            return view;
        }).ToArray();
    }

    /// <summary>C_vw of rows [start, start + rows) with each block centred on its own mean: float64 loops.</summary>
    private static double[,] Covariance(double[,] a, double[,] b, int start, int rows)
    {
        int k = a.GetLength(1);
        var meanA = new double[k];
        var meanB = new double[k];
        for (int i = start; i < start + rows; i++)
            for (int j = 0; j < k; j++) { meanA[j] += a[i, j] / rows; meanB[j] += b[i, j] / rows; }
        var c = new double[k, k];
        for (int p = 0; p < k; p++)
            for (int q = 0; q < k; q++)
            {
                double s = 0;
                for (int i = start; i < start + rows; i++) s += (a[i, p] - meanA[p]) * (b[i, q] - meanB[q]);
                c[p, q] = s / (rows - 1);
            }
        return c;
    }

    /// <summary>−2 tr(A) + tr(B B') written out from the definition, A and B as k×k matrices.</summary>
    private static double Reference(double[][,] views, EyPenalty penalty)
    {
        int v = views.Length, m = views[0].GetLength(0), k = views[0].GetLength(1);
        double traceA = 0;
        for (int a = 0; a < v; a++)
            for (int b = 0; b < v; b++)
                if (a != b)
                {
                    var c = Covariance(views[a], views[b], 0, m);
                    for (int j = 0; j < k; j++) traceA += c[j, j] / v;
                }
        double[,] B(int start, int rows)
        {
            var sum = new double[k, k];
            foreach (var view in views)
            {
                var c = Covariance(view, view, start, rows);
                for (int p = 0; p < k; p++)
                    for (int q = 0; q < k; q++) sum[p, q] += c[p, q] / v;
            }
            return sum;
        }
        var (first, second) = penalty == EyPenalty.SameBatch ? (B(0, m), B(0, m)) : (B(0, m / 2), B(m / 2, m - m / 2));
        double traceBB = 0;
        for (int p = 0; p < k; p++)
            for (int q = 0; q < k; q++) traceBB += first[p, q] * second[q, p];
        return -2 * traceA + traceBB;
    }

    [Theory]
    [InlineData(EyPenalty.SameBatch, 2)]
    [InlineData(EyPenalty.IndependentHalves, 2)]
    [InlineData(EyPenalty.SameBatch, 3)]
    [InlineData(EyPenalty.IndependentHalves, 3)]
    public void Loss_MatchesTheFloat64Definition(EyPenalty penalty, int viewCount)
    {
        var views = Views(seed: 70 + viewCount + 10 * (int)penalty, viewCount, m: 41, k: 5);
        var loss = new DccaEyLoss(penalty).forward(views.Select(v => tensor(v, float64)).ToArray()).item<double>();
        double expected = Reference(views, penalty);
        Assert.True(Math.Abs(expected) > 0.5, $"the test views should give a loss far from zero ({expected})");
        Assert.Equal(expected, loss, 1e-10);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void SameBatchGradient_IsTheClosedForm(int viewCount)
    {
        // ∂L/∂Z_v = 4/(V(m−1)) · (Z̄_v B − Σ_{w≠v} Z̄_w): the centring drops out because Z̄ is centred.
        const int m = 30, k = 4;
        var views = Views(seed: 80 + viewCount, viewCount, m, k);
        var inputs = views.Select(v => tensor(v, float64).requires_grad_(true)).ToArray();
        new DccaEyLoss(EyPenalty.SameBatch).forward(inputs).backward();

        var centred = views.Select(v => { var t = tensor(v, float64); return t - t.mean([0], keepdim: true); }).ToArray();
        var b = centred.Select(z => z.t().mm(z) / (m - 1.0)).Aggregate((x, y) => x + y) / viewCount;
        for (int v = 0; v < viewCount; v++)
        {
            var others = centred.Where((_, w) => w != v).Aggregate((x, y) => x + y);
            var expected = (centred[v].mm(b) - others) * (4.0 / (viewCount * (m - 1.0)));
            Assert.True(inputs[v].grad!.allclose(expected, rtol: 1e-10, atol: 1e-12), $"view {v}: max difference {(inputs[v].grad! - expected).abs().max().item<double>()}");
        }
    }

    [Fact]
    public void IndependentHalvesGradient_MatchesCentralDifferences()
    {
        const int m = 20, k = 3;
        var views = Views(seed: 90, 2, m, k);
        var inputs = views.Select(v => tensor(v, float64).requires_grad_(true)).ToArray();
        var loss = new DccaEyLoss(EyPenalty.IndependentHalves);
        loss.forward(inputs).backward();

        var random = new Random(91);
        const double step = 1e-6;
        for (int trial = 0; trial < 12; trial++)
        {
            int view = random.Next(2), row = random.Next(m), column = random.Next(k);
            double Probe(double delta)
            {
                var probe = views.Select(v => (double[,])v.Clone()).ToArray();
                probe[view][row, column] += delta;
                return Reference(probe, EyPenalty.IndependentHalves);
            }
            double expected = (Probe(step) - Probe(-step)) / (2 * step);
            Assert.Equal(expected, inputs[view].grad![row, column].item<double>(), 1e-6);
        }
    }

    [Fact]
    public void IdenticalWhitenedViews_GiveMinusTheWidth()
    {
        // Z̄ᵀZ̄/(m−1) = I for both views and Z1 = Z2: A = B = I, so L = −2k + k = −k,
        // minus the sum of k squared canonical correlations of 1.
        const int m = 64, k = 6;
        var random = new Random(95);
        var raw = tensor(Float64Sdl.GaussianMatrix(random, m, k), float64);
        var centred = raw - raw.mean([0], keepdim: true);
        var (q, _) = linalg.qr(centred);
        var whitened = q * Math.Sqrt(m - 1.0);
        var loss = new DccaEyLoss(EyPenalty.SameBatch).forward([whitened, whitened.clone()]).item<double>();
        Assert.Equal(-k, loss, 1e-9);
    }

    [Fact]
    public void MinimisingIt_RecoversTheKnownCanonicalCorrelations()
    {
        // Linear maps trained on DCCA-EY reach L ≈ −Σρ² of the population; the known correlations are 0.9 and 0.6.
        double[] correlations = [0.9, 0.6];
        var random = new Random(96);
        var (x1, x2) = SyntheticViews.Generate(random, 4000, correlations, 3, 3, new SyntheticViews.Mixing(random, 5), new SyntheticViews.Mixing(random, 5));
        var (view1, view2) = (tensor(x1, float64), tensor(x2, float64));
        manual_seed(96);
        var w1 = new TorchSharp.Modules.Parameter(randn(5, 2, dtype: float64) * 0.1);
        var w2 = new TorchSharp.Modules.Parameter(randn(5, 2, dtype: float64) * 0.1);
        var loss = new DccaEyLoss(EyPenalty.SameBatch);
        var optimiser = optim.Adam([w1, w2], lr: 0.02);
        double last = 0;
        for (int step = 0; step < 1500; step++)
        {
            optimiser.zero_grad();
            var value = loss.forward([view1.mm(w1), view2.mm(w2)]);
            value.backward();
            optimiser.step();
            last = value.item<double>();
        }
        double expected = -correlations.Sum(r => r * r);
        Assert.InRange(last, expected - 0.03, expected + 0.03);
    }

    [Fact]
    public void BadInputs_AreRefusedWithTheirShape()
    {
        var loss = new DccaEyLoss();
        Assert.Contains("at least two views", Assert.Throws<ArgumentException>(() => loss.forward([zeros(8, 3)])).Message);
        Assert.Contains("[8, 3]", Assert.Throws<ArgumentException>(() => loss.forward([randn(8, 3), randn(8, 4)])).Message);
        Assert.Contains("at least 2 samples", Assert.Throws<ArgumentException>(() => loss.forward([randn(1, 2), randn(1, 2)])).Message);
        Assert.Contains("at least 4 samples", Assert.Throws<ArgumentException>(() => new DccaEyLoss(EyPenalty.IndependentHalves).forward([randn(3, 2), randn(3, 2)])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DccaEyLoss((EyPenalty)7));
    }
}
