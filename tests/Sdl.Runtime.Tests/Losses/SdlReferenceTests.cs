using Sdl.Runtime.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Losses;

public class SdlReferenceTests
{
    /// <summary>Independent float64 SDL: batch-normalise, covariance, running average, off-diagonal L1.</summary>
    static double ReferenceSdl(double[][] batches, int m, int k, double alpha, out double[,] phi)
    {
        var accu = new double[k, k];
        double c = 0;
        phi = new double[k, k];
        double loss = 0;
        foreach (var flat in batches)
        {
            var z = new double[m, k];
            for (int j = 0; j < k; j++)
            {
                double mean = 0, variance = 0;
                for (int i = 0; i < m; i++) mean += flat[i * k + j];
                mean /= m;
                for (int i = 0; i < m; i++) variance += Math.Pow(flat[i * k + j] - mean, 2);
                variance /= m; // batch norm normalises with the biased variance
                for (int i = 0; i < m; i++) z[i, j] = (flat[i * k + j] - mean) / Math.Sqrt(variance + 1e-5);
            }
            c = alpha * c + 1;
            loss = 0;
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++)
                {
                    double s = 0;
                    for (int i = 0; i < m; i++) s += z[i, a] * z[i, b];
                    accu[a, b] = alpha * accu[a, b] + s / (m - 1);
                    phi[a, b] = accu[a, b] / c;
                    if (a != b) loss += Math.Abs(phi[a, b]);
                }
        }
        return loss;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void MatchesFloat64Reference_OverSeveralSteps(double alpha)
    {
        const int m = 32, k = 6, steps = 4;
        var generator = new Random(1234 + (int)(alpha * 100));
        var sdl = new StochasticDecorrelationLoss(k, alpha);
        sdl.to(ScalarType.Float64); // buffers in float64 too, so the comparison is exact to 1e-9
        sdl.train();
        var batches = new double[steps][];
        double last = double.NaN;
        for (int s = 0; s < steps; s++)
        {
            // Correlated features: a shared factor plus noise, so the loss is far from zero.
            batches[s] = new double[m * k];
            for (int i = 0; i < m; i++)
            {
                double shared = generator.NextDouble() * 2 - 1;
                for (int j = 0; j < k; j++) batches[s][i * k + j] = shared * (j + 1) * 0.3 + generator.NextDouble();
            }
            using var input = tensor(batches[s], m, k, dtype: ScalarType.Float64);
            last = sdl.forward(input).item<double>();
        }
        double expected = ReferenceSdl(batches, m, k, alpha, out _);
        Assert.True(expected > 1, $"the test data should be correlated (reference loss {expected})");
        Assert.Equal(expected, last, 1e-9);
    }
}
