using Sdl.Runtime.Data;

namespace Sdl.Examples.OwnData;

/// <summary>
/// Two views with known canonical correlations, written as .npy files the way a Python user would
/// hand them over: pairs (u_i, v_i) with corr(u_i, v_i) = ρ_i, padded with independent noise and
/// mixed by a random invertible map per view. Invertible linear maps leave canonical correlations
/// unchanged, so the views' canonical correlations are exactly ρ = (0.9, 0.7, 0.5, 0, 0, ...).
/// </summary>
public static class KnownCorrelationViews
{
    public const int LeftFeatures = 20;
    public const int RightFeatures = 15;
    public const int Shared = 3;
    public static readonly double[] Correlations = [0.9, 0.7, 0.5];

    public static void Write(string directory, int samples, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var left = new double[samples, LeftFeatures];
        var right = new double[samples, RightFeatures];
        for (int n = 0; n < samples; n++)
        {
            for (int i = 0; i < Shared; i++)
            {
                double u = Normal();
                left[n, i] = u;
                right[n, i] = Correlations[i] * u + Math.Sqrt(1 - Correlations[i] * Correlations[i]) * Normal();
            }
            for (int j = Shared; j < LeftFeatures; j++) left[n, j] = Normal();
            for (int j = Shared; j < RightFeatures; j++) right[n, j] = Normal();
        }
        NpyWriter.Write(Path.Combine(directory, "left.npy"), Mix(left, random), samples, LeftFeatures);
        NpyWriter.Write(Path.Combine(directory, "right.npy"), Mix(right, random), samples, RightFeatures);
    }

    /// <summary>x·M with M = I + noise/√d: invertible with overwhelming probability, and far from the identity.</summary>
    static float[] Mix(double[,] x, Random random)
    {
        int rows = x.GetLength(0), d = x.GetLength(1);
        var map = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                map[i, j] = (i == j ? 1 : 0) + (random.NextDouble() * 2 - 1) * 1.5 / Math.Sqrt(d);
        var result = new float[rows * d];
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < d; j++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += x[n, i] * map[i, j];
                result[n * d + j] = (float)sum;
            }
        return result;
    }
}
