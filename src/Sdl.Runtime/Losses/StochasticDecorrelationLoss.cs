using Sdl.Dsl;
using Sdl.Runtime.Interop;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Losses;

/// <summary>
/// Stochastic Decorrelation Loss (Chang, Xiang and Hospedales 2018): a norm of the off-diagonal
/// of a running, bias-corrected covariance of the batch-normalised activations.
/// <c>Ẑ = BN(Z)</c> (no affine parameters), <c>Σ_accu ← α Σ_accu + ẐᵀẐ/(m−1)</c>,
/// <c>c ← α c + 1</c>, <c>Φ = Σ_accu / c</c>, and <c>L = Σ_{i≠j} Φ_ij²</c> (<see cref="SdlNorm.Squared"/>,
/// the default) or <c>L = Σ_{i≠j} |Φ_ij|</c> (<see cref="SdlNorm.L1"/>); with
/// <see cref="SdlReduction.Mean"/> the sum is divided by <c>k² − k</c>.
/// </summary>
/// <remarks>
/// <para>The history is a pair of buffers (<c>sigma_accu</c>, <c>count</c>: the state_dict keys), so it
/// travels with checkpoints; gradient flows only through the current batch.</para>
/// <para><b>Training mode</b> updates the buffers. <b>Evaluation mode</b> returns the same value the
/// training step would (the loss of the history updated with this batch) but leaves the buffers
/// unchanged, so evaluating never shifts the running covariance.</para>
/// <para>After t training steps <c>c = (1 − α^t)/(1 − α)</c>, so Φ is an unbiased weighted average of
/// the batch covariances from the first step on (at step 1, Φ is the batch covariance).</para>
/// </remarks>
public sealed class StochasticDecorrelationLoss : nn.Module<Tensor, Tensor>
{
    /// <summary>The ε of the non-affine batch normalisation (PyTorch's default).</summary>
    public const double BatchNormEpsilon = 1e-5;

    /// <summary>From this width on, the CPU path computes YᵀY by symmetric blocks (below it, one product is as fast).</summary>
    internal const int SymmetricProductMinimumWidth = 128;

    /// <summary>Default running-average factor, the same as <c>[Decorrelate]</c>'s (chosen by the sweep in docs/results.md).</summary>
    public const double DefaultAlpha = SdlDefaults.Alpha;

    // Buffers: their field names are the state_dict keys, so they travel with checkpoints.
    private readonly Tensor sigma_accu;
    private readonly Tensor count;

    // Not a Tensor field, so not a buffer: scratch memory of the CPU path, kept from step to step
    // because fresh allocations of this size are fresh pages (page faults measured at 0.1 to 0.2 GEMM
    // per step at k = 256). Nothing in it outlives a forward call: the backward keeps only the gradient.
    private readonly CpuWorkspace workspace = new();

    /// <summary>An SDL loss for <paramref name="features"/> activations (at least 2) with running-average factor <paramref name="alpha"/> in [0, 1); the history starts empty.</summary>
    public StochasticDecorrelationLoss(long features, double alpha = DefaultAlpha, SdlReduction reduction = SdlReduction.Sum, SdlNorm norm = SdlDefaults.Norm)
        : base(nameof(StochasticDecorrelationLoss))
    {
        if (!SdlRules.IsDefined(norm)) throw new ArgumentOutOfRangeException(nameof(norm), norm, SdlRules.Format(SdlRules.EnumMessage, "norm", (int)norm, nameof(SdlNorm), SdlRules.EnumNames<SdlNorm>()));
        if (features < 2) throw new ArgumentOutOfRangeException(nameof(features), features, "SDL needs at least 2 features to decorrelate.");
        if (alpha is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in [0, 1).");
        Features = features;
        Alpha = alpha;
        Reduction = reduction;
        Norm = norm;
        sigma_accu = zeros(features, features);
        count = zeros(1);
        RegisterComponents();
    }

    /// <summary>Width of the activations the loss expects (the covariance is <c>Features × Features</c>).</summary>
    public long Features { get; }
    /// <summary>Running-average factor α of the accumulated covariance (0: the current batch only).</summary>
    public double Alpha { get; }
    /// <summary>Whether the off-diagonal entries are summed or averaged (divided by <c>k² − k</c>).</summary>
    public SdlReduction Reduction { get; }

    /// <summary>The norm on the off-diagonal of Φ: squared (default) or L1.</summary>
    public SdlNorm Norm { get; }

    /// <summary>Hand-derived backward (default) or autograd (the reference).</summary>
    public SdlGradient Gradient { get; init; } = SdlGradient.HandDerived;

    /// <summary>The accumulated covariance <c>Σ_accu</c> (a buffer).</summary>
    public Tensor AccumulatedCovariance => sigma_accu;

    /// <summary>The accumulated normaliser <c>c</c> (a buffer of one element).</summary>
    public Tensor AccumulatedCount => count;

    /// <summary>The loss of [batch, <see cref="Features"/>] activations (a scalar); in training mode it also updates the history buffers, in evaluation mode it leaves them unchanged.</summary>
    public override Tensor forward(Tensor activations)
    {
        if (activations.dim() != 2 || activations.shape[1] != Features)
            throw new ArgumentException($"SDL expects activations of shape [batch, {Features}], got [{string.Join(", ", activations.shape)}].");
        if (activations.shape[0] < 2) throw new ArgumentException("SDL needs a batch of at least 2 samples.");
        if (Gradient == SdlGradient.Autograd) return ForwardWithAutograd(activations);
        // Decided here: inside the function's forward, gradient recording is always switched off.
        bool needsGradient = is_grad_enabled() && activations.requires_grad;
        return HandDerivedFunction.apply(activations, this, needsGradient);
    }

    /// <summary>The loss as plain differentiable operations (the reference formulation).</summary>
    private Tensor ForwardWithAutograd(Tensor activations)
    {
        long m = activations.shape[0];
        using var scalars = new HeldScalars();
        var normalised = nn.functional.batch_norm(activations, null, null, training: true, eps: BatchNormEpsilon);
        var batchCovariance = normalised.t().matmul(normalised).div_(scalars[m - 1]);

        var history = sigma_accu.mul(scalars[Alpha]).to(batchCovariance.dtype);
        var accumulated = scalars.Add(history, batchCovariance);
        var normaliser = scalars.AddInPlace(count.mul(scalars[Alpha]), 1);
        var phi = accumulated / normaliser.to(accumulated.dtype);

        if (training)
        {
            using var _ = no_grad();
            sigma_accu.copy_(accumulated.detach());
            count.copy_(normaliser);
        }

        var offDiagonal = Norm == SdlNorm.Squared
            ? scalars.Square(phi).sum() - scalars.Square(phi.diagonal()).sum()
            : phi.abs().sum() - phi.diagonal().abs().sum();
        return Reduction == SdlReduction.Mean ? offDiagonal.div(scalars[Features * (Features - 1)]) : offDiagonal;
    }

    /// <summary>
    /// Adds <c>α·Σ_accu + ẐᵀẐ/(m−1)</c> in one fused product (into the buffer itself when training),
    /// so the forward costs one m×k×k product and one read of the k×k result.
    /// </summary>
    private Tensor Accumulate(Tensor scaled, HeldScalars scalars)
    {
        var type = scaled.dtype;
        // addmm's scalars are single precision: fuse α into the product only where that loses nothing.
        bool alphaIsExact = type is not ScalarType.Float64 || (double)(float)Alpha == Alpha;
        var transposed = scaled.t();
        if (training && sigma_accu.dtype == type && sigma_accu.device == scaled.device)
        {
            if (alphaIsExact) sigma_accu.addmm_(transposed, scaled, beta: (float)Alpha, alpha: 1);
            else sigma_accu.mul_(scalars[Alpha]).addmm_(transposed, scaled);
            return sigma_accu;
        }
        var history = sigma_accu.to(type, scaled.device);
        var accumulated = alphaIsExact
            ? history.addmm(transposed, scaled, beta: (float)Alpha, alpha: 1)
            : history.mul(scalars[Alpha]).addmm_(transposed, scaled);
        if (training) sigma_accu.copy_(accumulated);
        return accumulated;
    }

    /// <summary>
    /// SDL with the backward written out. With <c>Ẑs = Ẑ/√(m−1)</c> (so that <c>ẐsᵀẐs = Σ_mini</c>),
    /// <c>D = ∂L/∂Φ</c> off the diagonal (<c>sign(Φ)</c> for L1, <c>2Φ</c> squared), <c>G = Ẑs·D</c> and <c>σ⁻¹</c> the batch norm's inverse standard deviations:
    /// <c>∂L/∂Z = 2/(√(m−1)·c) · σ⁻¹ ⊙ (G − Ẑs ⊙ ((m−1)/m)·Σ_rows(G ⊙ Ẑs))</c>; the column means of
    /// G vanish because Ẑ is centred, which removes one term of the usual batch-norm backward.
    /// Float32 batches on the CPU take <see cref="SdlCpuKernels"/> (the same formula with the batch-norm
    /// chain moved to the k×k side, so that the backward is one product); anything else (float64,
    /// other devices) runs on libtorch's operations. Neither reads a value back to the host: the count
    /// <c>c</c> stays a tensor on the device (on the CPU its memory is read in place).
    /// </summary>
    private sealed class HandDerivedFunction : autograd.SingleTensorFunction<HandDerivedFunction>
    {
        public override string Name => nameof(StochasticDecorrelationLoss);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (activations, loss, needsGradient) = ((Tensor)vars[0], (StochasticDecorrelationLoss)vars[1], (bool)vars[2]);
            long m = activations.shape[0], k = loss.Features;
            double reductionScale = loss.Reduction == SdlReduction.Mean ? 1.0 / (k * (k - 1)) : 1.0;
            using var scope = NewDisposeScope();
            bool direct = SdlCpuKernels.IsDirectFloat32(loss.sigma_accu) && SdlCpuKernels.IsDirectFloat32(loss.count)
                && activations.dtype == ScalarType.Float32 && activations.device_type == DeviceType.CPU;
            var value = direct
                ? ForwardOnCpu(ctx, activations.contiguous(), loss, needsGradient, m, k, reductionScale)
                : ForwardOnDevice(ctx, activations, loss, needsGradient, m, reductionScale);
            return value.MoveToOuterDisposeScope();
        }

        private static Tensor ForwardOnCpu(autograd.AutogradContext ctx, Tensor activations, StochasticDecorrelationLoss loss, bool needsGradient, long m, long k, double reductionScale)
        {
            int rows = checked((int)m), width = checked((int)k);
            var centred = loss.workspace.Get(CpuWorkspace.Slot.Centred, m, k);
            var inverseStd = new float[width];
            SdlCpuKernels.Centre(SdlCpuKernels.Memory(activations), SdlCpuKernels.Memory(centred), rows, width, BatchNormEpsilon, inverseStd);
            // YᵀY by blocks over a column split: P11, P12, P22 (P21 = P12ᵀ is not computed), three quarters
            // of the full product's work (sdl-parts: 0.7 to 0.8 of it measured, against 0.95 for the full `mm`).
            int split = width >= SymmetricProductMinimumWidth ? width / 2 : width;
            var left = centred.narrow(1, 0, split);
            var upperLeft = loss.workspace.Get(CpuWorkspace.Slot.UpperLeft, split, split).addmm_(left.t(), left, beta: 0, alpha: 1);
            Tensor? upperRight = null, lowerRight = null;
            if (split < width)
            {
                var right = centred.narrow(1, split, width - split);
                upperRight = loss.workspace.Get(CpuWorkspace.Slot.UpperRight, split, width - split).addmm_(left.t(), right, beta: 0, alpha: 1);
                lowerRight = loss.workspace.Get(CpuWorkspace.Slot.LowerRight, width - split, width - split).addmm_(right.t(), right, beta: 0, alpha: 1);
            }

            var countMemory = SdlCpuKernels.Memory(loss.count);
            double normaliser = loss.Alpha * countMemory[0] + 1;
            var backwardMatrix = needsGradient ? loss.workspace.Get(CpuWorkspace.Slot.Backward, k, k) : null;
            // Evaluation mode must leave the history alone: the pass then writes the updated rows nowhere.
            double value = SdlCpuKernels.UpdateAndDirection(
                SdlCpuKernels.Memory(upperLeft), upperRight is null ? default : SdlCpuKernels.Memory(upperRight), lowerRight is null ? default : SdlCpuKernels.Memory(lowerRight), split,
                SdlCpuKernels.Memory(loss.sigma_accu), update: loss.training, width, rows, loss.Alpha, normaliser,
                loss.Norm, reductionScale, inverseStd, backwardMatrix is null ? default : SdlCpuKernels.Memory(backwardMatrix));
            if (loss.training) countMemory[0] = (float)normaliser;

            // The backward's one product, computed now, while Y and E are still in the caches (the backward
            // then only scales it): a training step always follows the forward with the backward.
            if (backwardMatrix is not null)
                ctx.save_for_backward([centred.mm(backwardMatrix).MoveToOuterDisposeScope()]);
            return tensor((float)value);
        }

        private static Tensor ForwardOnDevice(autograd.AutogradContext ctx, Tensor activations, StochasticDecorrelationLoss loss, bool needsGradient, long m, double reductionScale)
        {
            using var scalars = new HeldScalars();
            // Column statistics by plain reductions: var_mean's reduction across rows runs several
            // times slower than mean + sum of squares here (measured by the sdl-parts benchmark).
            var scaled = CanonicalCorrelation.Centre(activations);
            var inverseStd = scalars.AddInPlace(scalars.Square(scaled).sum([0], keepdim: true).div_(scalars[m]), BatchNormEpsilon).rsqrt_();
            // Ẑs = (Z − μ)·σ⁻¹/√(m−1), so that ẐsᵀẐs is the batch covariance Σ_mini.
            scaled.mul_(inverseStd.mul(scalars[1 / Math.Sqrt(m - 1)]));

            // c stays on the device (a one-element tensor in the step's precision): reading it to the
            // host would synchronise a GPU stream at every step.
            var normaliser = scalars.AddInPlace(loss.count.to(scaled.dtype).mul(scalars[loss.Alpha]), 1);
            var accumulated = loss.Accumulate(scaled, scalars);
            if (loss.training) loss.count.copy_(normaliser);
            var reciprocal = normaliser.reciprocal().view([]);

            // ∂L/∂Σ_mini is D/c with D = sign(Φ) (L1) or 2Φ (squared), off the diagonal: one k×k pass
            // gives both D and the value; D is copied now because the buffer changes at the next step.
            Tensor value;
            Tensor? direction = null;
            if (loss.Norm == SdlNorm.Squared)
            {
                direction = accumulated.mul(reciprocal.mul(scalars[2]));
                direction.diagonal().zero_();
                // Σ_{i≠j} Φ_ij² = ‖D‖²/4 (a 2-norm reduction: dot has no kernel on some devices, e.g. meta).
                value = scalars.Square(direction.norm(2f)).mul_(scalars[reductionScale / 4]);
            }
            else
            {
                // norm(p) takes p as a plain float (linalg.vector_norm makes an unheld Scalar of it).
                var offDiagonal = accumulated.norm(1f).sub_(accumulated.diagonal().norm(1f));
                value = offDiagonal.mul_(reciprocal.mul(scalars[reductionScale]));
                if (needsGradient)
                {
                    direction = accumulated.sign();
                    direction.diagonal().zero_();
                }
            }

            if (needsGradient)
            {
                var scale = reciprocal.mul_(scalars[2 * reductionScale / Math.Sqrt(m - 1)]);
                ctx.save_for_backward([scaled.MoveToOuterDisposeScope(), direction!.MoveToOuterDisposeScope(), inverseStd.mul_(scale).MoveToOuterDisposeScope()]);
                ctx.save_data("rows", m);
            }
            return value;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
        {
            // The unpacked saved tensors are fresh handles: the scope releases them (libtorch keeps its own).
            using var scope = NewDisposeScope();
            var saved = ctx.get_saved_variables();
            var gradient = saved.Count == 1 ? BackwardOnCpu(saved[0], gradOutput) : BackwardOnDevice(saved[0], saved[1], saved[2], (long)ctx.get_data("rows"), gradOutput);
            return [gradient.MoveToOuterDisposeScope(), null!, null!];
        }

        private static Tensor BackwardOnCpu(Tensor gradientOfValue, Tensor gradOutput)
        {
            // ∂L/∂Z = Y·E was computed in the forward; only the incoming gradient is left. The saved
            // tensor is never scaled in place (a retained graph may run this backward again).
            if (SdlCpuKernels.IsDirectFloat32(gradOutput) && SdlCpuKernels.Memory(gradOutput)[0] == 1) return gradientOfValue;
            return gradientOfValue.mul(gradOutput);
        }

        private static Tensor BackwardOnDevice(Tensor scaled, Tensor direction, Tensor scaledInverseStd, long m, Tensor gradOutput)
        {
            using var scalars = new HeldScalars();
            var gradient = scaled.mm(direction);
            var projection = (gradient * scaled).sum([0], keepdim: true).mul_(scalars[(m - 1.0) / m]);
            gradient.addcmul_(scaled, projection, value: scalars[-1]).mul_(scaledInverseStd.mul(gradOutput));
            return gradient;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) workspace.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Float32 CPU scratch tensors by role, reallocated only when a shape changes.</summary>
    private sealed class CpuWorkspace : IDisposable
    {
        public enum Slot { Centred, UpperLeft, UpperRight, LowerRight, Backward }

        private readonly Tensor?[] tensors = new Tensor?[5];

        public Tensor Get(Slot slot, long rows, long columns)
        {
            ref var held = ref tensors[(int)slot];
            if (held is null || held.shape[0] != rows || held.shape[1] != columns)
            {
                held?.Dispose();
                // Outside every dispose scope: the step's scope must not release it.
                held = empty([rows, columns], ScalarType.Float32).DetachFromDisposeScope();
            }
            return held;
        }

        public void Dispose()
        {
            foreach (var tensor in tensors) tensor?.Dispose();
            Array.Clear(tensors);
        }
    }
}
