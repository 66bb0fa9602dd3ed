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

    /// <summary>
    /// Makes <paramref name="objective"/>'s modules (the taps' decorrelation losses and the objective's own) children of
    /// this model under their own names, so they move, train and save with it and the state_dict keys stay
    /// <c>sdl_Left_embed.sigma_accu</c>. Call it after <c>RegisterComponents()</c>, and keep the objective in a field that
    /// was still null then (or it would also be registered whole, as a second copy of the keys).
    /// </summary>
    protected void RegisterObjective(Objectives.MultiViewObjective objective)
    {
        foreach (var (name, module) in objective.named_children()) register_module(name, module);
    }

    /// <summary>A readable table of the layers, their output shapes and parameter counts.</summary>
    public abstract string Summary();
}
