using static TorchSharp.torch;

namespace Sdl.Runtime.Metrics;

/// <summary>
/// The paper's headline number: fit regularised linear CCA on the training embeddings, project
/// the test embeddings, and sum the top-k test correlations.
/// </summary>
public static class CorrelationEvaluation
{
    /// <summary>Default ridge of the evaluation CCA: small, fixed, so it regularises without shaping the result.</summary>
    public const double DefaultRidge = 1e-4;

    /// <summary>Ridges tried for linear CCA on raw inputs (pixels are far from full rank, so the ridge matters there).</summary>
    public static readonly IReadOnlyList<double> RawInputRidges = [1e-4, 1e-3, 1e-2, 1e-1, 1];

    /// <summary>The ridge of <paramref name="ridges"/> whose linear CCA, fitted on train, has the highest validation total correlation.</summary>
    public static double ChooseRidge(Tensor train1, Tensor train2, Tensor validation1, Tensor validation2, int topK, IEnumerable<double> ridges) =>
        ridges.MaxBy(r => Evaluate(train1, train2, validation1, validation2, topK, ridge: r).Total);

    /// <summary>Test correlations of every fitted component (at most <paramref name="components"/>) and the sum of the first <paramref name="topK"/>.</summary>
    public static (double[] Correlations, double Total, int TopK) Evaluate(
        Tensor train1, Tensor train2, Tensor test1, Tensor test2, int topK, int? components = null, double ridge = DefaultRidge)
    {
        var cca = LinearCca.Fit(train1, train2, components ?? topK, ridge);
        var correlations = cca.Correlations(test1, test2);
        int k = Math.Min(topK, correlations.Length);
        return (correlations, correlations.Take(k).Sum(), k);
    }
}
