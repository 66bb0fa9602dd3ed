using Sdl.Dsl;
using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// DCCA-EY (Chapman, Aguila and Wells, ICLR 2024; cca_zoo's <c>DCCA_EY</c>): an SVD-free deep CCA
/// objective built from the Eckhart–Young characterisation of CCA. For V views with centred batch
/// embeddings <c>Z̄_v</c> and covariances <c>C_vw = Z̄_vᵀZ̄_w/(m−1)</c>:
/// <c>A = Σ_{v≠w} C_vw / V</c>, <c>B = Σ_v C_vv / V</c>, <c>L = −2·tr(A) + tr(B·B')</c>.
/// </summary>
/// <remarks>
/// <para>For two views, at its minimum the embeddings span the top canonical subspace and
/// <c>L = −Σ_i ρ_i²</c>: the loss is minus the sum of squared canonical correlations.</para>
/// <para>B' is B of a disjoint half of the batch (<see cref="EyPenalty.IndependentHalves"/>, the
/// unbiased form) or B itself (<see cref="EyPenalty.SameBatch"/>). Cost: O(m·k²), one product for
/// B (the views stacked by rows) and element-wise work for tr(A); no decomposition, so no limit on
/// k relative to m. The gradient is autograd's (every operation is a product or a sum).</para>
/// </remarks>
public sealed class DccaEyLoss : nn.Module<IReadOnlyList<Tensor>, Tensor>
{
    /// <param name="penalty">Where the penalty's second auto-covariance comes from.</param>
    public DccaEyLoss(EyPenalty penalty = SdlDefaults.EyPenalty) : base(nameof(DccaEyLoss))
    {
        if (!SdlRules.IsDefined(penalty))
            throw new ArgumentOutOfRangeException(nameof(penalty), penalty, SdlRules.Format(SdlRules.EnumMessage, "penalty", (int)penalty, nameof(EyPenalty), SdlRules.EnumNames<EyPenalty>()));
        Penalty = penalty;
    }

    /// <summary>Where the penalty's second auto-covariance B' comes from: a disjoint half of the batch, or the same batch.</summary>
    public EyPenalty Penalty { get; }

    /// <summary><c>−2·tr(A) + tr(B·B')</c> of the batch (a scalar of the embeddings' type).</summary>
    public override Tensor forward(IReadOnlyList<Tensor> embeddings)
    {
        if (embeddings.Count < 2) throw new ArgumentException("DCCA-EY needs at least two views.", nameof(embeddings));
        long m = embeddings[0].shape[0], k = embeddings[0].shape[^1];
        foreach (var z in embeddings)
            if (z.dim() != 2 || z.shape[0] != m || z.shape[1] != k)
                throw new ArgumentException($"DCCA-EY expects every view's embedding as [{m}, {k}], got [{string.Join(", ", z.shape)}].", nameof(embeddings));
        long minimum = Penalty == EyPenalty.IndependentHalves ? 4 : 2;
        if (m < minimum) throw new ArgumentException($"DCCA-EY ({Penalty}) needs a batch of at least {minimum} samples, got {m}.", nameof(embeddings));

        using var scalars = new HeldScalars();
        int views = embeddings.Count;
        var centred = embeddings.Select(CanonicalCorrelation.Centre).ToArray();

        // tr(C_vw) = ⟨Z̄_v, Z̄_w⟩/(m−1): an element-wise product, no k×k matrix; each unordered pair
        // stands for the two ordered ones of A.
        Tensor? crossTrace = null;
        for (int v = 0; v < views; v++)
            for (int w = v + 1; w < views; w++)
            {
                var pair = centred[v].mul(centred[w]).sum();
                crossTrace = crossTrace is null ? pair : scalars.Add(crossTrace, pair);
            }
        var reward = crossTrace!.mul_(scalars[4.0 / (views * (m - 1.0))]);

        Tensor penalty;
        if (Penalty == EyPenalty.SameBatch)
        {
            var b = AutoCovariance(centred, m, scalars);
            penalty = b.mul(b).sum();
        }
        else
        {
            long half = m / 2;
            var first = AutoCovariance(embeddings.Select(z => CanonicalCorrelation.Centre(z.narrow(0, 0, half))).ToArray(), half, scalars);
            var second = AutoCovariance(embeddings.Select(z => CanonicalCorrelation.Centre(z.narrow(0, half, m - half))).ToArray(), m - half, scalars);
            // tr(B₁B₂) = Σ B₁ ⊙ B₂ since both are symmetric.
            penalty = first.mul(second).sum();
        }
        return scalars.Add(reward.neg_(), penalty);
    }


    /// <summary><c>B = Σ_v Z̄_vᵀZ̄_v / (V(m−1))</c> as one product of the views stacked by rows.</summary>
    private static Tensor AutoCovariance(IReadOnlyList<Tensor> centred, long rows, HeldScalars scalars)
    {
        var stacked = cat(centred.ToArray(), 0);
        return stacked.t().mm(stacked).div_(scalars[centred.Count * (rows - 1.0)]);
    }
}
