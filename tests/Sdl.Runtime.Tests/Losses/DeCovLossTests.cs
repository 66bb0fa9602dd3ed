using Sdl.Runtime.Losses;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Losses;

public class DeCovLossTests
{
    /// <summary>½ Σ_{i≠j} C_ij² with C the 1/m covariance, in float64 loops.</summary>
    private static double ReferenceDeCov(double[,] batch)
    {
        int m = batch.GetLength(0), k = batch.GetLength(1);
        var mean = new double[k];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < m; i++) mean[j] += batch[i, j];
            mean[j] /= m;
        }
        double loss = 0;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                if (a == b) continue;
                double c = 0;
                for (int i = 0; i < m; i++) c += (batch[i, a] - mean[a]) * (batch[i, b] - mean[b]);
                c /= m;
                loss += 0.5 * c * c;
            }
        return loss;
    }

    [Fact]
    public void MatchesTheFloat64Reference()
    {
        var random = new Random(51);
        var batch = Float64Sdl.CorrelatedBatch(random, 40, 6, 0.5);
        using var input = tensor(batch, float64);

        Assert.Equal(ReferenceDeCov(batch), new DeCovLoss(6).forward(input).item<double>(), 1e-10);
    }

    [Fact]
    public void PerfectlyCorrelatedPair_HasTheClosedFormValue()
    {
        // Features x and 2x: C = v·[[1, 2], [2, 4]] with v the 1/m variance of x, so DeCov = ½·2·(2v)² = 4v².
        var random = new Random(52);
        const int m = 30;
        var batch = new double[m, 2];
        for (int i = 0; i < m; i++) { batch[i, 0] = SyntheticViews.Gaussian(random); batch[i, 1] = 2 * batch[i, 0]; }
        double mean = Enumerable.Range(0, m).Average(i => batch[i, 0]);
        double variance = Enumerable.Range(0, m).Sum(i => Math.Pow(batch[i, 0] - mean, 2)) / m;
        using var input = tensor(batch, float64);

        Assert.Equal(4 * variance * variance, new DeCovLoss(2).forward(input).item<double>(), 1e-12);
    }

    [Fact]
    public void IndependentFeatures_GiveMuchLessThanCorrelatedOnes()
    {
        var random = new Random(53);
        using var independent = tensor(Float64Sdl.GaussianMatrix(random, 2000, 5), float64);
        using var correlated = tensor(Float64Sdl.CorrelatedBatch(random, 2000, 5, 0.5), float64);
        var decov = new DeCovLoss(5);

        Assert.True(decov.forward(correlated).item<double>() > 100 * decov.forward(independent).item<double>());
    }
}
