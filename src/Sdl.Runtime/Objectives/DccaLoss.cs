using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// Exact deep CCA (Andrew et al. 2013): minus the sum of the top-<c>k</c> singular values of
/// <c>T = Σ11^{-1/2} Σ12 Σ22^{-1/2}</c> (the trace norm when k is the full size).
/// </summary>
public sealed class DccaLoss : nn.Module<Tensor, Tensor, Tensor>
{
    public DccaLoss(long topK, double ridge = 1e-3, double eigenvalueFloor = 1e-9, bool useFloat64 = true) : base(nameof(DccaLoss))
    {
        TopK = topK; Ridge = ridge; EigenvalueFloor = eigenvalueFloor; UseFloat64 = useFloat64;
    }

    public long TopK { get; }
    public double Ridge { get; }
    public double EigenvalueFloor { get; }
    public bool UseFloat64 { get; }

    // Placeholder signature for the generator; the runtime issue implements it.
    public override Tensor forward(Tensor view1, Tensor view2) => throw new NotImplementedException("DCCA is implemented by the runtime issue.");
}
