using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// The covariance algebra shared by exact DCCA and linear CCA, so that the loss and the metric
/// are the same computation: centring, ridge-regularised covariances, and whitening through a
/// symmetric inverse square root whose eigenvalues are floored.
/// </summary>
internal static class CanonicalCorrelation
{
    // `a - b` passes an implicit alpha that a concurrent collection could free mid-call (see
    // HeldScalars); this one lives as long as the process, so every centring shares it safely.
    private static readonly Scalar MinusOne = (-1).ToScalar();

    /// <summary>The columns of <paramref name="samples"/> (rows are samples) minus their means.</summary>
    public static Tensor Centre(Tensor samples) => samples.add(samples.mean([0], keepdim: true), MinusOne);

    /// <summary><c>AᵀB/(m−1)</c> of two centred sample matrices.</summary>
    public static Tensor CrossCovariance(Tensor centredA, Tensor centredB)
    {
        using var scalars = new HeldScalars();
        return centredA.t().matmul(centredB).div_(scalars[centredA.shape[0] - 1]);
    }

    /// <summary><c>H̄ᵀH̄/(m−1) + r·I</c>: the ridge makes it invertible when the batch is smaller than the width.</summary>
    public static Tensor RegularisedCovariance(Tensor centred, double ridge)
    {
        var covariance = CrossCovariance(centred, centred);
        if (ridge == 0) return covariance;
        using var scalars = new HeldScalars();
        // Fresh matrix: add the ridge to its diagonal in place.
        using (var diagonal = covariance.diagonal()) scalars.AddInPlace(diagonal, ridge);
        return covariance;
    }

    /// <summary>
    /// <c>Σ^{-1/2} = V·diag(max(λ, floor))^{-1/2}·Vᵀ</c>. The floor is separate from the ridge: the
    /// ridge changes the problem (shrinks the covariance), the floor only keeps round-off
    /// (eigenvalues at or below zero) from producing infinities.
    /// </summary>
    public static Tensor InverseSquareRoot(Tensor symmetric, double eigenvalueFloor)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh(symmetric);
        using var scalars = new HeldScalars();
        var scale = eigenvalues.clamp_min(scalars[eigenvalueFloor]).rsqrt();
        return (eigenvectors * scale.unsqueeze(0)).matmul(eigenvectors.t());
    }
}
