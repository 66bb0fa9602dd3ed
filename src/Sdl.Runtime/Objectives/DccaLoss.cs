using Sdl.Dsl;
using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// Exact deep CCA (Andrew et al. 2013) for two views: minus the sum of the top-<c>k</c> singular
/// values of <c>T = Σ11^{-1/2} Σ12 Σ22^{-1/2}</c> (the trace norm of T when k is the full width), with
/// <c>Σ11 = H̄1ᵀH̄1/(m−1) + r·I</c>, <c>Σ22</c> likewise and <c>Σ12 = H̄1ᵀH̄2/(m−1)</c> on the
/// centred batch.
/// </summary>
/// <remarks>
/// <para>
/// The gradient is the closed form of Andrew et al. (extended to the top k):
/// <c>∂corr/∂H̄1 = (H̄2 ∇12ᵀ − H̄1 A1 U_k D_k U_kᵀ A1) / (m−1)</c> with <c>A1 = Σ11^{-1/2}</c>,
/// <c>∇12 = A1 U_k V_kᵀ A2</c> and <c>T = U D Vᵀ</c> (view 2 symmetrically). It needs neither
/// eigenvalue gaps nor singular-value gaps, unlike autograd through <c>eigh</c>/<c>svd</c>, whose
/// backward divides by eigenvalue differences and returns infinities or NaN as soon as two
/// eigenvalues coincide (which happens for every batch with fewer samples than features).
/// </para>
/// <para>
/// <b>Small batches.</b> When <c>m − 1</c> is below a view's width the batch covariance is
/// singular: the ridge <c>r</c> keeps Σ invertible and the eigenvalue floor keeps round-off
/// from producing infinities, so loss and gradient stay finite. But the batch then admits
/// <c>m − 1</c> canonical pairs that are (nearly) perfectly correlated whatever the data, so the
/// loss saturates near <c>−min(k, m−1)</c> (a little less with a ridge) and its gradient carries
/// little signal (measured at m = 256 on unrelated random views: the gradient norm falls from about
/// 4 at k ≈ m to 0.003 at k = 2m, where autograd through <c>eigh</c> already returns NaN; see
/// docs/benchmarks.md). Use batches well above the embedding width.
/// </para>
/// <para>
/// <b>Ridge and floor</b> are separate: the ridge <c>r</c> is added to both auto-covariances and
/// changes the objective; the floor clamps the eigenvalues of the regularised covariance from
/// below before the inverse square root and only guards against round-off (the gradient treats
/// the floored matrix as the covariance). <c>k</c> larger than the narrower view is capped at its width.
/// </para>
/// </remarks>
public sealed class DccaLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <param name="topK">How many singular values of T to sum (the number of canonical pairs trained).</param>
    /// <param name="ridge">r ≥ 0 added to the diagonal of Σ11 and Σ22.</param>
    /// <param name="eigenvalueFloor">Eigenvalues of the regularised covariances below this are raised to it (&gt; 0).</param>
    /// <param name="useFloat64">Compute the loss and its gradient in float64 whatever the input type (recommended:
    /// float32 eigendecompositions of ill-conditioned covariances lose most of their digits).</param>
    public DccaLoss(long topK, double ridge = SdlDefaults.DccaRidge, double eigenvalueFloor = SdlDefaults.DccaEigenvalueFloor, bool useFloat64 = SdlDefaults.DccaUseFloat64) : base(nameof(DccaLoss))
    {
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "DCCA needs at least one canonical pair (topK ≥ 1).");
        if (ridge < 0 || double.IsNaN(ridge)) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge must be ≥ 0.");
        if (!SdlRules.IsPositive(eigenvalueFloor)) throw new ArgumentOutOfRangeException(nameof(eigenvalueFloor), eigenvalueFloor, SdlRules.Format(SdlRules.PositiveMessage, "eigenvalueFloor", eigenvalueFloor));
        TopK = topK; Ridge = ridge; EigenvalueFloor = eigenvalueFloor; UseFloat64 = useFloat64;
    }

    /// <summary>Number of canonical pairs trained: how many singular values of T are summed.</summary>
    public long TopK { get; }
    /// <summary>Ridge r added to the diagonal of Σ11 and Σ22 (changes the objective).</summary>
    public double Ridge { get; }
    /// <summary>Lower bound on the regularised covariances' eigenvalues before the inverse square root (guards round-off only).</summary>
    public double EigenvalueFloor { get; }
    /// <summary>Whether the loss and its gradient are computed in float64 whatever the input type.</summary>
    public bool UseFloat64 { get; }

    /// <summary>Minus the total correlation of the top k canonical pairs of the batch (a scalar of the input's type).</summary>
    public override Tensor forward(Tensor view1, Tensor view2)
    {
        if (view1.dim() != 2 || view2.dim() != 2)
            throw new ArgumentException($"DCCA expects two [batch, features] matrices, got [{string.Join(", ", view1.shape)}] and [{string.Join(", ", view2.shape)}].");
        if (view1.shape[0] != view2.shape[0])
            throw new ArgumentException($"DCCA's views must have the same batch size, got {view1.shape[0]} and {view2.shape[0]}.");
        if (view1.shape[0] < 2) throw new ArgumentException("DCCA needs a batch of at least 2 samples.");
        // Decided here: inside the function's forward, gradient recording is always switched off.
        bool needsGradient = is_grad_enabled() && (view1.requires_grad || view2.requires_grad);
        return ExactDccaFunction.apply(view1, view2, this, needsGradient);
    }

    /// <summary>
    /// Forward computes the loss and, when an input needs it, the closed-form gradient (both come
    /// from the same SVD, so computing them together costs one extra pair of products).
    /// </summary>
    private sealed class ExactDccaFunction : autograd.SingleTensorFunction<ExactDccaFunction>
    {
        public override string Name => nameof(ExactDccaFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (view1, view2, settings, needsGradient) = ((Tensor)vars[0], (Tensor)vars[1], (DccaLoss)vars[2], (bool)vars[3]);
            var outputType = view1.dtype;
            var workType = settings.UseFloat64 ? ScalarType.Float64 : outputType;

            using var scope = NewDisposeScope();
            using var scalars = new HeldScalars();
            var h1 = CanonicalCorrelation.Centre(view1.detach().to(workType));
            var h2 = CanonicalCorrelation.Centre(view2.detach().to(workType));
            long m = h1.shape[0];
            long k = Math.Min(settings.TopK, Math.Min(h1.shape[1], h2.shape[1]));

            var whiten1 = CanonicalCorrelation.InverseSquareRoot(CanonicalCorrelation.RegularisedCovariance(h1, settings.Ridge), settings.EigenvalueFloor);
            var whiten2 = CanonicalCorrelation.InverseSquareRoot(CanonicalCorrelation.RegularisedCovariance(h2, settings.Ridge), settings.EigenvalueFloor);
            var t = whiten1.matmul(CanonicalCorrelation.CrossCovariance(h1, h2)).matmul(whiten2);
            var (u, singular, vh) = linalg.svd(t, fullMatrices: false);
            var topSingular = singular.narrow(0, 0, k);
            var loss = topSingular.sum().neg().to(outputType);

            if (needsGradient)
            {
                var uk = u.narrow(1, 0, k);
                var vk = vh.narrow(0, 0, k).t();
                // ∇12 = A1 U_k V_kᵀ A2 and the auto-covariance terms A U_k D_k U_kᵀ A (see the remarks).
                var left = whiten1.matmul(uk);
                var right = whiten2.matmul(vk);
                var crossTerm = left.matmul(right.t());
                var self1 = (left * topSingular.unsqueeze(0)).matmul(left.t());
                var self2 = (right * topSingular.unsqueeze(0)).matmul(right.t());
                // Gradient of the loss (= −correlation); columns of h are centred, so centring passes it through.
                var gradient1 = (h1.matmul(self1) - h2.matmul(crossTerm.t())).div_(scalars[m - 1]);
                var gradient2 = (h2.matmul(self2) - h1.matmul(crossTerm)).div_(scalars[m - 1]);
                ctx.save_for_backward([gradient1.to(view1.dtype).MoveToOuterDisposeScope(), gradient2.to(view2.dtype).MoveToOuterDisposeScope()]);
            }
            return loss.MoveToOuterDisposeScope();
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
        {
            using var scope = NewDisposeScope();
            var saved = ctx.get_saved_variables();
            return [(gradOutput * saved[0]).MoveToOuterDisposeScope(), (gradOutput * saved[1]).MoveToOuterDisposeScope(), null!, null!];
        }
    }
}
