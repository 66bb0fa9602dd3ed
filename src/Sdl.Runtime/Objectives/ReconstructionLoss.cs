using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>FAE's reconstruction term for one view: <c>‖x − x̂‖²_F / m</c> (squared error summed over features, averaged over the batch).</summary>
public sealed class ReconstructionLoss : nn.Module<Tensor, Tensor, Tensor>
{
    public ReconstructionLoss() : base(nameof(ReconstructionLoss)) { }

    public override Tensor forward(Tensor reconstruction, Tensor input)
    {
        long m = input.shape[0];
        using var scalars = new HeldScalars();
        return scalars.Square(reconstruction - input.reshape(reconstruction.shape)).sum().div_(scalars[m]);
    }
}
