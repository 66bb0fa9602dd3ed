using Sdl.Dsl;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Losses;

/// <summary>
/// Stochastic Decorrelation Loss (Chang, Xiang and Hospedales 2018): the L1 norm of the
/// off-diagonal of a running, bias-corrected covariance of the batch-normalised activations.
/// <c>Σ_accu ← α Σ_accu + ẐᵀẐ/(m−1)</c>, <c>c ← α c + 1</c>, <c>Φ = Σ_accu / c</c>,
/// <c>L = Σ_{i≠j} |Φ_ij|</c>. Gradient flows only through the current batch.
/// </summary>
public sealed class StochasticDecorrelationLoss : nn.Module<Tensor, Tensor>
{
    // Buffers: their field names are the state_dict keys, so they travel with checkpoints.
    private readonly Tensor sigma_accu;
    private readonly Tensor count;

    public StochasticDecorrelationLoss(long features, double alpha = DefaultAlpha, SdlReduction reduction = SdlReduction.Sum)
        : base(nameof(StochasticDecorrelationLoss))
    {
        if (features < 2) throw new ArgumentOutOfRangeException(nameof(features), features, "SDL needs at least 2 features to decorrelate.");
        if (alpha is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in [0, 1).");
        Features = features;
        Alpha = alpha;
        Reduction = reduction;
        sigma_accu = zeros(features, features);
        count = zeros(1);
        RegisterComponents();
    }

    /// <summary>Default running-average factor.</summary>
    public const double DefaultAlpha = 0.9;

    public long Features { get; }
    public double Alpha { get; }
    public SdlReduction Reduction { get; }

    /// <summary>The accumulated covariance <c>Σ_accu</c> (a buffer).</summary>
    public Tensor AccumulatedCovariance => sigma_accu;

    /// <summary>The accumulated normaliser <c>c</c> (a buffer of one element).</summary>
    public Tensor AccumulatedCount => count;

    public override Tensor forward(Tensor activations)
    {
        if (activations.dim() != 2 || activations.shape[1] != Features)
            throw new ArgumentException($"SDL expects activations of shape [batch, {Features}], got [{string.Join(", ", activations.shape)}].");
        long m = activations.shape[0];
        if (m < 2) throw new ArgumentException("SDL needs a batch of at least 2 samples.");

        var normalised = nn.functional.batch_norm(activations, null, null, training: true);
        var batchCovariance = normalised.t().matmul(normalised) / (m - 1);

        var history = (sigma_accu * Alpha).to(batchCovariance.dtype);
        var accumulated = history + batchCovariance;
        var normaliser = count * Alpha + 1;
        var phi = accumulated / normaliser.to(accumulated.dtype);

        if (training)
        {
            using var _ = no_grad();
            sigma_accu.copy_(accumulated.detach());
            count.copy_(normaliser);
        }

        var offDiagonal = phi.abs().sum() - phi.diagonal().abs().sum();
        return Reduction == SdlReduction.Mean ? offDiagonal / (Features * (Features - 1)) : offDiagonal;
    }
}
