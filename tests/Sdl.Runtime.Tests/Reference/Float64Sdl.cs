using Sdl.Dsl;

namespace Sdl.Runtime.Tests.Reference;

/// <summary>
/// SDL written out in float64 loops, independent of TorchSharp: the reference for the module. Its
/// norm defaults to the library's, so a test that leaves the norm unset checks the default.
/// </summary>
internal sealed class Float64Sdl(int features, double alpha, SdlNorm norm = SdlDefaults.Norm)
{
    private readonly double[,] accumulated = new double[features, features];

    public double Count { get; private set; }

    /// <summary>Φ after the last <see cref="Step"/>.</summary>
    public double[,] Phi { get; } = new double[features, features];

    /// <summary>One training step on a [m, k] batch; returns Σ_{i≠j} |Φ_ij| (L1) or Σ_{i≠j} Φ_ij² (squared).</summary>
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
                if (a != b) loss += norm == SdlNorm.L1 ? Math.Abs(Phi[a, b]) : Phi[a, b] * Phi[a, b];
            }
        return loss;
    }

    /// <summary>ẐᵀẐ/(m−1) with Ẑ the batch normalisation of the columns.</summary>
    public static double[,] BatchCovariance(double[,] batch)
    {
        var z = BatchNormalise(batch);
        int m = z.GetLength(0), k = z.GetLength(1);
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

    /// <summary>Batch normalisation without affine parameters: biased variance, ε = 1e-5 (PyTorch's).</summary>
    public static double[,] BatchNormalise(double[,] batch)
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
        return z;
    }

    /// <summary>Σ_{v&lt;w} ‖BN(z_v) − BN(z_w)‖²_F / m: Soft CCA's distance.</summary>
    public static double SoftCcaDistance(IReadOnlyList<double[,]> views)
    {
        var normalised = views.Select(BatchNormalise).ToArray();
        int m = normalised[0].GetLength(0), k = normalised[0].GetLength(1);
        double total = 0;
        for (int v = 0; v < normalised.Length; v++)
            for (int w = v + 1; w < normalised.Length; w++)
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < k; j++)
                        total += Math.Pow(normalised[v][i, j] - normalised[w][i, j], 2);
        return total / m;
    }

    /// <summary>A [rows, columns] matrix of independent standard normal entries.</summary>
    public static double[,] GaussianMatrix(Random random, int rows, int columns)
    {
        var values = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) values[i, j] = SyntheticViews.Gaussian(random);
        return values;
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
