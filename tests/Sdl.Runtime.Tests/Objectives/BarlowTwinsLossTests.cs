using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

public class BarlowTwinsLossTests
{
    const double Epsilon = 1e-5;

    /// <summary>Two views sharing a factor (so C is far from 0 and from I), with shifted, scaled columns.</summary>
    static (double[,], double[,]) Views(Random random, int m, int k)
    {
        var shared = Float64Sdl.GaussianMatrix(random, m, k);
        var a = Float64Sdl.GaussianMatrix(random, m, k);
        var b = Float64Sdl.GaussianMatrix(random, m, k);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++)
            {
                a[i, j] = (1 + j) * (0.8 * shared[i, j] + 0.6 * a[i, j]) + j;
                b[i, j] = 0.5 * (0.7 * shared[i, (j + 1) % k] + 0.7 * b[i, j]) - 2;
            }
        return (a, b);
    }

    /// <summary>Each column minus its mean over the batch, divided by sqrt(biased variance + ε): plain loops.</summary>
    static double[,] Standardise(double[,] z)
    {
        int m = z.GetLength(0), k = z.GetLength(1);
        var result = new double[m, k];
        for (int j = 0; j < k; j++)
        {
            double mean = 0;
            for (int i = 0; i < m; i++) mean += z[i, j];
            mean /= m;
            double variance = 0;
            for (int i = 0; i < m; i++) variance += (z[i, j] - mean) * (z[i, j] - mean);
            variance /= m;
            for (int i = 0; i < m; i++) result[i, j] = (z[i, j] - mean) / Math.Sqrt(variance + Epsilon);
        }
        return result;
    }

    /// <summary>C_pq = Σ_i Ẑa[i,p] Ẑb[i,q] / m.</summary>
    static double[,] CrossCorrelation(double[,] a, double[,] b)
    {
        var (za, zb) = (Standardise(a), Standardise(b));
        int m = a.GetLength(0), k = a.GetLength(1);
        var c = new double[k, k];
        for (int p = 0; p < k; p++)
            for (int q = 0; q < k; q++)
            {
                double sum = 0;
                for (int i = 0; i < m; i++) sum += za[i, p] * zb[i, q];
                c[p, q] = sum / m;
            }
        return c;
    }

    /// <summary>Σ_i (1 − C_ii)² + λ Σ_{i≠j} C_ij², written out from the definition.</summary>
    static double Reference(double[,] a, double[,] b, double lambda)
    {
        var c = CrossCorrelation(a, b);
        int k = c.GetLength(0);
        double onDiagonal = 0, offDiagonal = 0;
        for (int p = 0; p < k; p++)
            for (int q = 0; q < k; q++)
                if (p == q) onDiagonal += (1 - c[p, p]) * (1 - c[p, p]);
                else offDiagonal += c[p, q] * c[p, q];
        return onDiagonal + lambda * offDiagonal;
    }

    /// <summary>The reference's gradient by central differences (float64, step 1e-6).</summary>
    static double[,] ReferenceGradient(double[,] a, double[,] b, double lambda, bool ofFirst)
    {
        const double step = 1e-6;
        int m = a.GetLength(0), k = a.GetLength(1);
        var gradient = new double[m, k];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++)
            {
                var target = ofFirst ? (double[,])a.Clone() : (double[,])b.Clone();
                double original = target[i, j];
                target[i, j] = original + step;
                double plus = ofFirst ? Reference(target, b, lambda) : Reference(a, target, lambda);
                target[i, j] = original - step;
                double minus = ofFirst ? Reference(target, b, lambda) : Reference(a, target, lambda);
                gradient[i, j] = (plus - minus) / (2 * step);
            }
        return gradient;
    }

    static double MaxDifference(double[,] expected, Tensor actual)
    {
        var values = actual.to(ScalarType.Float64).contiguous().data<double>().ToArray();
        int k = expected.GetLength(1);
        return values.Select((v, index) => Math.Abs(v - expected[index / k, index % k])).Max();
    }

    [Theory]
    [InlineData(1, 0.005)]
    [InlineData(2, 0.3)]
    [InlineData(3, 0.0)]
    public void ValueAndGradient_MatchTheFloat64Definition(int seed, double lambda)
    {
        var random = new Random(400 + seed);
        int m = 9 + random.Next(12), k = 2 + random.Next(4);
        var (a, b) = Views(random, m, k);
        var inputA = tensor(a, float64).requires_grad_(true);
        var inputB = tensor(b, float64).requires_grad_(true);

        var loss = new BarlowTwinsLoss(lambda).forward(inputA, inputB);
        loss.backward();

        double expected = Reference(a, b, lambda);
        Assert.True(expected > 0.1, $"the test views should give a loss far from zero ({expected})");
        Assert.Equal(expected, loss.item<double>(), 1e-11);
        var (gradientA, gradientB) = (ReferenceGradient(a, b, lambda, true), ReferenceGradient(a, b, lambda, false));
        double scale = Math.Max(gradientA.Cast<double>().Max(Math.Abs), gradientB.Cast<double>().Max(Math.Abs));
        Assert.True(MaxDifference(gradientA, inputA.grad!) <= 1e-7 * scale, $"view 1: {MaxDifference(gradientA, inputA.grad!):E2} against {scale:E2}");
        Assert.True(MaxDifference(gradientB, inputB.grad!) <= 1e-7 * scale, $"view 2: {MaxDifference(gradientB, inputB.grad!):E2} against {scale:E2}");
    }

    [Fact]
    public void Float32Inputs_GiveAFloat32LossCloseToTheFloat64Definition()
    {
        var random = new Random(410);
        const int m = 32, k = 6;
        var (a, b) = Views(random, m, k);
        var inputA = tensor(a, float64).to(float32).requires_grad_(true);
        var inputB = tensor(b, float64).to(float32).requires_grad_(true);
        // The reference on the float32-rounded inputs, so only the arithmetic differs.
        var roundedA = (double[,])a.Clone();
        var roundedB = (double[,])b.Clone();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++) { roundedA[i, j] = (float)a[i, j]; roundedB[i, j] = (float)b[i, j]; }

        var loss = new BarlowTwinsLoss(0.1).forward(inputA, inputB);
        loss.backward();

        Assert.Equal(ScalarType.Float32, loss.dtype);
        double expected = Reference(roundedA, roundedB, 0.1);
        Assert.True(Math.Abs(loss.item<float>() - expected) <= 1e-5 * expected, $"{loss.item<float>()} against {expected}");
        var gradientA = ReferenceGradient(roundedA, roundedB, 0.1, true);
        double scale = gradientA.Cast<double>().Max(Math.Abs);
        Assert.True(MaxDifference(gradientA, inputA.grad!) <= 1e-4 * scale, $"{MaxDifference(gradientA, inputA.grad!):E2} against {scale:E2}");
    }

    [Fact]
    public void IdenticalViews_HaveNoDiagonalTerm_AndPayTheirOwnCorrelations()
    {
        var random = new Random(420);
        const int m = 50, k = 4;
        var a = Float64Sdl.CorrelatedBatch(random, m, k, 0.5);
        var view = tensor(a, float64);

        // C_ii = var/(var + ε) exactly: the diagonal term is Σ(ε/(var+ε))², about 1e-9 here (0 as ε → 0).
        double diagonal = 0;
        for (int j = 0; j < k; j++)
        {
            double variance = Pearson(a, j, j, biasedCovariance: true);
            diagonal += Math.Pow(Epsilon / (variance + Epsilon), 2);
        }
        double identical = new BarlowTwinsLoss(0).forward(view, view.clone()).item<double>();
        Assert.InRange(identical, 0, 1e-8);
        Assert.Equal(diagonal, identical, 1e-15);

        // With λ: λ Σ_{i≠j} C_ij², C_ij = cov_ij / sqrt((var_i + ε)(var_j + ε)): the Pearson correlations r_ij up to ε.
        double offDiagonal = 0, pearson = 0;
        for (int p = 0; p < k; p++)
            for (int q = 0; q < k; q++)
                if (p != q)
                {
                    double c = Pearson(a, p, q, biasedCovariance: true) / Math.Sqrt((Pearson(a, p, p, true) + Epsilon) * (Pearson(a, q, q, true) + Epsilon));
                    offDiagonal += c * c;
                    pearson += Math.Pow(Pearson(a, p, q), 2);
                }
        Assert.True(pearson > 0.5, $"the view's columns should be correlated ({pearson})");
        double withLambda = new BarlowTwinsLoss(0.7).forward(view, view.clone()).item<double>();
        Assert.Equal(diagonal + 0.7 * offDiagonal, withLambda, 1e-12);
        Assert.True(Math.Abs(withLambda - 0.7 * pearson) < 1e-4 * pearson, $"{withLambda} against λ Σ r² = {0.7 * pearson}");
    }

    /// <summary>The Pearson correlation of columns p and q, or their biased covariance.</summary>
    static double Pearson(double[,] z, int p, int q, bool biasedCovariance = false)
    {
        int m = z.GetLength(0);
        double meanP = 0, meanQ = 0;
        for (int i = 0; i < m; i++) { meanP += z[i, p] / m; meanQ += z[i, q] / m; }
        double pq = 0, pp = 0, qq = 0;
        for (int i = 0; i < m; i++)
        {
            pq += (z[i, p] - meanP) * (z[i, q] - meanQ);
            pp += (z[i, p] - meanP) * (z[i, p] - meanP);
            qq += (z[i, q] - meanQ) * (z[i, q] - meanQ);
        }
        return biasedCovariance ? pq / m : pq / Math.Sqrt(pp * qq);
    }

    [Fact]
    public void IndependentViews_HaveCNearZero()
    {
        // Independent columns: every C_pq is about N(0, 1/m), so Σ(1 − C_ii)² ≈ k and Σ_{p≠q} C_pq² ≈ k(k−1)/m.
        var random = new Random(430);
        const int m = 20000, k = 3;
        var a = tensor(Float64Sdl.GaussianMatrix(random, m, k), float64);
        var b = tensor(Float64Sdl.GaussianMatrix(random, m, k), float64);

        double diagonal = new BarlowTwinsLoss(0).forward(a, b).item<double>();
        double offDiagonal = new BarlowTwinsLoss(1).forward(a, b).item<double>() - diagonal;

        Assert.InRange(diagonal, k - 2 * k * 4 / Math.Sqrt(m), k + 2 * k * 4 / Math.Sqrt(m));
        Assert.InRange(offDiagonal, 0, 16.0 * k * (k - 1) / m);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.005)]
    [InlineData(2.0)]
    public void AThreeByTwoBatch_GivesTheHandComputedLoss(double lambda)
    {
        // Columns with mean 0: a = (−1, 0, 1), (1, −2, 1); b = (0, 1, −1), (2, −1, −1).
        // Biased variances 2/3, 2 and 2/3, 2; the column products Σ a_p b_q are −1, −3, −3, 3.
        double[,] a = { { -1, 1 }, { 0, -2 }, { 1, 1 } };
        double[,] b = { { 0, 2 }, { 1, -1 }, { -1, -1 } };
        double small = 2.0 / 3 + Epsilon, large = 2 + Epsilon;
        double c11 = -1 / (3 * small), c12 = -3 / (3 * Math.Sqrt(small * large));
        double c21 = -3 / (3 * Math.Sqrt(large * small)), c22 = 3 / (3 * large);
        double expected = (1 - c11) * (1 - c11) + (1 - c22) * (1 - c22) + lambda * (c12 * c12 + c21 * c21);

        double loss = new BarlowTwinsLoss(lambda).forward(tensor(a, float64), tensor(b, float64)).item<double>();

        Assert.Equal(expected, loss, 1e-12);
        // Without ε: C = [[−1/2, −√3/2], [−√3/2, 1/2]], so 2.25 + 0.25 + λ(3/4 + 3/4).
        Assert.Equal(2.5 + 1.5 * lambda, loss, 1e-4);
    }

    [Fact]
    public void BadInputs_AreRefusedWithTheirShape()
    {
        var loss = new BarlowTwinsLoss();
        Assert.Equal(BarlowTwinsLoss.DefaultOffDiagonalWeight, loss.OffDiagonalWeight);
        Assert.Contains("[8, 4]", Assert.Throws<ArgumentException>(() => loss.forward(randn(8, 3), randn(8, 4))).Message);
        Assert.Contains("same batch size", Assert.Throws<ArgumentException>(() => loss.forward(randn(8, 3), randn(7, 3))).Message);
        Assert.Contains("at least 2 samples", Assert.Throws<ArgumentException>(() => loss.forward(randn(1, 3), randn(1, 3))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BarlowTwinsLoss(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BarlowTwinsLoss(double.NaN));
    }
}
