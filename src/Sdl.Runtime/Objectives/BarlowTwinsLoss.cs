using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// Barlow Twins (Zbontar et al. 2021) for two views:
/// <c>Σ_i (1 − C_ii)² + λ_BT Σ_{i≠j} C_ij²</c> with the cross-correlation <c>C = Ẑ1ᵀẐ2 / m</c> of the
/// per-view batch-standardised embeddings.
/// </summary>
/// <remarks>
/// The standardisation is batch normalisation without learnable parameters in training mode, as
/// cca_zoo's <c>BatchNorm1d(affine=False)</c> and the paper's code: each column minus its batch mean,
/// divided by <c>sqrt(biased variance + ε)</c>, ε = 1e-5, each view with its own batch statistics.
/// Unlike cca_zoo the embeddings themselves are not normalised (the loss standardises a copy), so the
/// model's embeddings are the encoders' outputs, as for Soft CCA. Both views need the same width
/// (C is square). Computed in the input's type (float32 or float64); gradients by autograd.
/// </remarks>
public sealed class BarlowTwinsLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>The paper's λ_BT (and cca_zoo's default): the weight of the off-diagonal (redundancy) term.</summary>
    public const double DefaultOffDiagonalWeight = Sdl.Dsl.BarlowTwinsAttribute.DefaultOffDiagonalWeight;

    /// <summary>The ε of the per-view batch normalisation (PyTorch's BatchNorm default).</summary>
    public const double Epsilon = 1e-5;

    /// <param name="offDiagonalWeight">λ_BT ≥ 0, the weight of <c>Σ_{i≠j} C_ij²</c>.</param>
    public BarlowTwinsLoss(double offDiagonalWeight = DefaultOffDiagonalWeight) : base(nameof(BarlowTwinsLoss))
    {
        if (!(offDiagonalWeight >= 0) || double.IsInfinity(offDiagonalWeight))
            throw new ArgumentOutOfRangeException(nameof(offDiagonalWeight), offDiagonalWeight, "Barlow Twins' off-diagonal weight must be finite and ≥ 0.");
        OffDiagonalWeight = offDiagonalWeight;
    }

    /// <summary>λ_BT: the weight of the off-diagonal (redundancy reduction) term.</summary>
    public double OffDiagonalWeight { get; }

    /// <summary>The loss of the batch (a scalar of the input's type).</summary>
    public override Tensor forward(Tensor view1, Tensor view2)
    {
        if (view1.dim() != 2 || view2.dim() != 2 || view1.shape[1] != view2.shape[1])
            throw new ArgumentException($"Barlow Twins expects two [batch, features] matrices of the same width, got [{string.Join(", ", view1.shape)}] and [{string.Join(", ", view2.shape)}].");
        if (view1.shape[0] != view2.shape[0])
            throw new ArgumentException($"Barlow Twins' views must have the same batch size, got {view1.shape[0]} and {view2.shape[0]}.");
        if (view1.shape[0] < 2) throw new ArgumentException("Barlow Twins needs a batch of at least 2 samples.");

        long m = view1.shape[0], k = view1.shape[1];
        using var scope = NewDisposeScope();
        using var scalars = new HeldScalars();
        var a = nn.functional.batch_norm(view1, null, null, training: true, eps: Epsilon);
        var b = nn.functional.batch_norm(view2, null, null, training: true, eps: Epsilon);
        var c = a.t().matmul(b).div_(scalars[m]);
        var onDiagonal = scalars.Square(c.diagonal().neg().add_(scalars[1], scalars[1])).sum();
        // The off-diagonal entries by a mask, not Σ C² − Σ C_ii² (which cancels ≈ k in float32).
        var offDiagonalMask = eye(k, dtype: c.dtype, device: c.device).neg_().add_(scalars[1], scalars[1]);
        var offDiagonal = scalars.Square(c).mul_(offDiagonalMask).sum();
        return onDiagonal.add(offDiagonal, scalars[OffDiagonalWeight]).MoveToOuterDisposeScope();
    }
}
