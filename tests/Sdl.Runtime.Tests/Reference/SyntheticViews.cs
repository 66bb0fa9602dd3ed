namespace Sdl.Runtime.Tests.Reference;

/// <summary>
/// Two views whose population canonical correlations are known in closed form: latent pair i is
/// <c>(s_i, ρ_i s_i + √(1−ρ_i²) e_i)</c> with independent standard normal s and e, padded with
/// independent noise features, then each view is mixed by a random invertible matrix (CCA is
/// invariant to invertible linear maps, so the canonical correlations stay exactly ρ).
/// </summary>
internal static class SyntheticViews
{
    public static (double[,] View1, double[,] View2) Generate(Random random, int samples, double[] correlations, int noise1, int noise2, Mixing mixing1, Mixing mixing2)
    {
        int p = correlations.Length, width1 = p + noise1, width2 = p + noise2;
        var view1 = new double[samples, width1];
        var view2 = new double[samples, width2];
        var latent1 = new double[width1];
        var latent2 = new double[width2];
        for (int n = 0; n < samples; n++)
        {
            for (int i = 0; i < p; i++)
            {
                double shared = Gaussian(random);
                latent1[i] = shared;
                latent2[i] = correlations[i] * shared + Math.Sqrt(1 - correlations[i] * correlations[i]) * Gaussian(random);
            }
            for (int i = p; i < width1; i++) latent1[i] = Gaussian(random);
            for (int i = p; i < width2; i++) latent2[i] = Gaussian(random);
            mixing1.Apply(latent1, view1, n);
            mixing2.Apply(latent2, view2, n);
        }
        return (view1, view2);
    }

    /// <summary>A random, well-conditioned invertible map <c>I + G/(2√d)</c> plus an offset (CCA must ignore means too).</summary>
    public sealed class Mixing
    {
        private readonly double[,] matrix;
        private readonly double[] offset;

        public Mixing(Random random, int width)
        {
            matrix = new double[width, width];
            offset = new double[width];
            for (int i = 0; i < width; i++)
            {
                offset[i] = 3 * Gaussian(random);
                for (int j = 0; j < width; j++) matrix[i, j] = (i == j ? 1 : 0) + Gaussian(random) / (2 * Math.Sqrt(width));
            }
        }

        public void Apply(double[] latent, double[,] target, int row)
        {
            for (int i = 0; i < latent.Length; i++)
            {
                double value = offset[i];
                for (int j = 0; j < latent.Length; j++) value += matrix[i, j] * latent[j];
                target[row, i] = value;
            }
        }
    }

    public static double Gaussian(Random random)
    {
        // Box–Muller; 1 − U avoids log(0).
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
