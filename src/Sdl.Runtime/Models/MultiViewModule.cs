using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Models;

/// <summary>
/// Base class of every generated multi-view model (and of hand-written ones that want the
/// trainer): a TorchSharp module whose forward takes one tensor per view.
/// </summary>
public abstract class MultiViewModule : nn.Module<IReadOnlyList<Tensor>, MultiViewOutput>
{
    /// <summary>Creates the module under the TorchSharp name <paramref name="name"/>.</summary>
    protected MultiViewModule(string name) : base(name) { }

    /// <summary>
    /// Used only by the skeleton the generator emits for a model with a compile-time error (and a user-written
    /// constructor), so that the diagnostic is the only error; such a model cannot be used.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    protected MultiViewModule() : base(nameof(MultiViewModule)) { }

    /// <summary>Views, objective and decorrelation taps, as declared.</summary>
    public abstract ModelInfo Info { get; }

    /// <summary>
    /// The objective on one mini-batch: its total and each weighted term.
    /// <paramref name="labels"/> is used by <c>[Supervised]</c> models only.
    /// </summary>
    public abstract LossBreakdown ComputeLoss(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels = null);

    /// <summary>A readable table of the layers, their output shapes and parameter counts.</summary>
    public abstract string Summary();
}
