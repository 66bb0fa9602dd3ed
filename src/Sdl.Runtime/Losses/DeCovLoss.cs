using Sdl.Runtime.Interop;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Losses;

/// <summary>
/// DeCov (Cogswell et al. 2016), the decorrelation baseline SDL is compared with:
/// <c>½(‖C‖²_F − ‖diag C‖²)</c> of the current batch covariance
/// <c>C = (1/m) Σ_n (h_n − μ)(h_n − μ)ᵀ</c> of the raw activations (no normalisation, no history),
/// with the paper's 1/m normaliser.
/// </summary>
/// <remarks>
/// Unlike SDL it penalises squared covariances of unnormalised activations, so it also shrinks
/// the activations' scale; SDL's batch normalisation makes it scale-free.
/// </remarks>
public sealed class DeCovLoss : nn.Module<Tensor, Tensor>
{
    /// <summary>A DeCov loss for activations of <paramref name="features"/> columns (at least 2).</summary>
    public DeCovLoss(long features) : base(nameof(DeCovLoss))
    {
        if (features < 2) throw new ArgumentOutOfRangeException(nameof(features), features, "DeCov needs at least 2 features.");
        Features = features;
    }

    /// <summary>Width of the activations the loss expects.</summary>
    public long Features { get; }

    /// <summary>The DeCov penalty of one batch of [batch, <see cref="Features"/>] activations (a scalar); keeps no state.</summary>
    public override Tensor forward(Tensor activations)
    {
        if (activations.dim() != 2 || activations.shape[1] != Features)
            throw new ArgumentException($"DeCov expects activations of shape [batch, {Features}], got [{string.Join(", ", activations.shape)}].");
        long m = activations.shape[0];
        if (m < 2) throw new ArgumentException("DeCov needs a batch of at least 2 samples.");
        using var scalars = new HeldScalars();
        var centred = CanonicalCorrelation.Centre(activations);
        var covariance = centred.t().matmul(centred).div_(scalars[m]);
        return (scalars.Square(covariance).sum() - scalars.Square(covariance.diagonal()).sum()).mul_(scalars[0.5]);
    }
}
