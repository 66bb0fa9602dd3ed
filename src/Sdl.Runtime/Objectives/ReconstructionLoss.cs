using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>FAE's reconstruction term for one view: <c>‖x − x̂‖²_F / m</c> (squared error summed over features, averaged over the batch).</summary>
public sealed class ReconstructionLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates the (stateless) loss.</summary>
    public ReconstructionLoss() : base(nameof(ReconstructionLoss)) { }

    /// <summary><c>‖x − x̂‖²_F / m</c> for one view; <paramref name="input"/> is reshaped to the reconstruction's shape.</summary>
    public override Tensor forward(Tensor reconstruction, Tensor input)
    {
        long m = input.shape[0];
        using var scalars = new HeldScalars();
        return scalars.Square(reconstruction - input.reshape(reconstruction.shape)).sum().div_(scalars[m]);
    }
}
