using Sdl.Runtime.Objectives;
using static TorchSharp.torch;

namespace Sdl.Runtime.Reports;

/// <summary>
/// The top-k canonical directions of two views, fitted on training data, as a projection into a
/// shared space where row i of view 1 and row i of view 2 should be close. Retrieval and probes
/// need it: DCCA's and linear CCA's raw outputs are only correlated up to a linear map, so they
/// cannot be compared with a cosine until both are projected.
/// </summary>
/// <remarks>
/// Same algebra as <see cref="Metrics.LinearCca"/> (which reports correlations but does not expose its directions).
/// Each projected coordinate is scaled to unit variance on the training data.
/// </remarks>
public sealed class CcaProjection : IDisposable
{
    readonly Tensor mean1, mean2, directions1, directions2;

    CcaProjection(Tensor mean1, Tensor mean2, Tensor directions1, Tensor directions2)
    {
        this.mean1 = mean1; this.mean2 = mean2; this.directions1 = directions1; this.directions2 = directions2;
    }

    public static CcaProjection Fit(Tensor train1, Tensor train2, int components, double ridge = CorrelationEvaluation.DefaultRidge)
    {
        using var scope = NewDisposeScope();
        var x1 = train1.to(float64).cpu();
        var x2 = train2.to(float64).cpu();
        var h1 = CanonicalCorrelation.Centre(x1);
        var h2 = CanonicalCorrelation.Centre(x2);
        var whiten1 = CanonicalCorrelation.InverseSquareRoot(CanonicalCorrelation.RegularisedCovariance(h1, ridge), 1e-12);
        var whiten2 = CanonicalCorrelation.InverseSquareRoot(CanonicalCorrelation.RegularisedCovariance(h2, ridge), 1e-12);
        var (u, singular, vh) = linalg.svd(whiten1.matmul(CanonicalCorrelation.CrossCovariance(h1, h2)).matmul(whiten2), fullMatrices: false);
        long kept = Math.Min(components, singular.shape[0]);
        var projection = new CcaProjection(
            x1.mean([0], keepdim: true).MoveToOuterDisposeScope(),
            x2.mean([0], keepdim: true).MoveToOuterDisposeScope(),
            whiten1.matmul(u.narrow(1, 0, kept)).MoveToOuterDisposeScope(),
            whiten2.matmul(vh.narrow(0, 0, kept).t()).MoveToOuterDisposeScope());
        return projection;
    }

    /// <summary>Projects view-1 samples (rows) into the shared space.</summary>
    public Tensor ProjectFirst(Tensor view1) => (view1.to(float64).cpu() - mean1).matmul(directions1);

    /// <summary>Projects view-2 samples (rows) into the shared space.</summary>
    public Tensor ProjectSecond(Tensor view2) => (view2.to(float64).cpu() - mean2).matmul(directions2);

    public void Dispose()
    {
        mean1.Dispose(); mean2.Dispose(); directions1.Dispose(); directions2.Dispose();
    }
}
