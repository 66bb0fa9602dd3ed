namespace Sdl.Runtime.Metrics;

/// <summary>
/// Regularised linear CCA in float64: fit on one pair of views (training embeddings), apply to
/// another (test embeddings), report the canonical correlations.
/// </summary>
public sealed class LinearCca
{
    // Placeholder signature for the trainer; the runtime issue implements it.
    public static LinearCca Fit(double[,] view1, double[,] view2, int components, double ridge = 1e-4) => throw new NotImplementedException();

    /// <summary>Test-set canonical correlations of the fitted directions, largest first.</summary>
    public double[] Correlations(double[,] view1, double[,] view2) => throw new NotImplementedException();

    /// <summary>Sum of the top <paramref name="topK"/> test correlations.</summary>
    public double TotalCorrelation(double[,] view1, double[,] view2, int topK) => throw new NotImplementedException();
}
