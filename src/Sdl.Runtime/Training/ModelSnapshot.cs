using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>
/// A copy in memory of a model's parameters and buffers (SDL's history, batch-norm statistics) and, when
/// given, its optimiser's state, in the checkpoint's own encoding: what the divergence guard puts back,
/// and the best epoch's weights when there is no checkpoint folder to hold <c>best.ckpt</c>.
/// </summary>
/// <remarks>One buffer, reused by every capture, so a capture per epoch costs a copy of the tensors and no fresh allocation.</remarks>
internal sealed class ModelSnapshot
{
    readonly MemoryStream bytes = new();

    /// <summary>The training state that goes with the weights (epochs done, history); null before the first capture.</summary>
    public TrainingState? State { get; private set; }

    /// <summary>Whether the optimiser's state was captured too.</summary>
    public bool HasOptimizer { get; private set; }

    public void Capture(nn.Module model, OptimizerHelper? optimizer, TrainingState state)
    {
        bytes.SetLength(0);
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            model.save(writer);
            optimizer?.save_state_dict(writer);
        }
        State = state;
        HasOptimizer = optimizer is not null;
    }

    /// <summary>Copies the captured values back into <paramref name="model"/> (in place: the optimiser keeps its parameters) and, if given, <paramref name="optimizer"/>.</summary>
    public TrainingState Restore(nn.Module model, OptimizerHelper? optimizer)
    {
        if (State is null) throw new InvalidOperationException("Nothing was captured.");
        if (optimizer is not null && !HasOptimizer) throw new InvalidOperationException("The optimiser's state was not captured.");
        bytes.Position = 0;
        using var reader = new BinaryReader(bytes, Encoding.UTF8, leaveOpen: true);
        model.load(reader, strict: true);
        optimizer?.load_state_dict(reader);
        return State;
    }
}
