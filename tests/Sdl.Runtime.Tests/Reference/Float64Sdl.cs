namespace Sdl.Runtime.Tests.Reference;

/// <summary>SDL written out in float64 loops, independent of TorchSharp: the reference for the module.</summary>
internal sealed class Float64Sdl(int features, double alpha)
{
    private readonly double[,] accumulated = new double[features, features];

    public double Count { get; private set; }

    /// <summary>Φ after the last <see cref="Step"/>.</summary>
    public double[,] Phi { get; } = new double[features, features];

    /// <summary>One training step on a [m, k] batch; returns Σ_{i≠j} |Φ_ij|.</summary>
    public double Step(double[,] batch)
    {
        int m = batch.GetLength(0);
        var covariance = BatchCovariance(batch);
        Count = alpha * Count + 1;
        double loss = 0;
        for (int a = 0; a < features; a++)
            for (int b = 0; b < features; b++)
            {
                accumulated[a, b] = alpha * accumulated[a, b] + covariance[a, b];
                Phi[a, b] = accumulated[a, b] / Count;
                if (a != b) loss += Math.Abs(Phi[a, b]);
            }
        return loss;
    }

    /// <summary>ẐᵀẐ/(m−1) with Ẑ the batch normalisation of the columns (biased variance, ε = 1e-5, as in BN).</summary>
    public static double[,] BatchCovariance(double[,] batch)
    {
        int m = batch.GetLength(0), k = batch.GetLength(1);
        var z = new double[m, k];
        for (int j = 0; j < k; j++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < m; i++) mean += batch[i, j];
            mean /= m;
            for (int i = 0; i < m; i++) variance += (batch[i, j] - mean) * (batch[i, j] - mean);
            variance /= m;
            for (int i = 0; i < m; i++) z[i, j] = (batch[i, j] - mean) / Math.Sqrt(variance + 1e-5);
        }
        var covariance = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double s = 0;
                for (int i = 0; i < m; i++) s += z[i, a] * z[i, b];
                covariance[a, b] = s / (m - 1);
            }
        return covariance;
    }

    /// <summary>A [m, k] batch of a shared factor with loadings growing over the features, plus uniform noise.</summary>
    public static double[,] CorrelatedBatch(Random random, int m, int k, double loading)
    {
        var batch = new double[m, k];
        for (int i = 0; i < m; i++)
        {
            double shared = SyntheticViews.Gaussian(random);
            for (int j = 0; j < k; j++) batch[i, j] = shared * loading * (j + 1) + random.NextDouble();
        }
        return batch;
    }
}
