using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// Soft CCA for two or more views: <c>L = Σ_{v&lt;w} ‖BN(z_v) − BN(z_w)‖²_F / m + λ Σ_taps weight·D(tap)</c>, term by term
/// (<c>distance</c>, then <c>sdl(View.layer)</c> or <c>decov(View.layer)</c> per tap).
/// </summary>
public sealed class SoftCcaObjective : MultiViewObjective
{
    private readonly SoftCcaDistance distance;

    /// <param name="model">The model (views, taps, λ, <see cref="SoftCcaSettings"/>).</param>
    /// <param name="tapWidths">Each tap's width.</param>
    public SoftCcaObjective(ModelInfo model, IReadOnlyList<long> tapWidths) : base(nameof(SoftCcaObjective), model, tapWidths)
    {
        if (model.Views.Count < 2) throw new ArgumentException($"Soft CCA needs at least two views; model '{model.Name}' has {model.Views.Count}.", nameof(model));
        Settings<SoftCcaSettings>();
        distance = Add("distance", new SoftCcaDistance());
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
    {
        yield return (TermNames.Distance, distance.call(output.Embeddings), 1);
    }
}

/// <summary>Soft CCA's settings: it has none of its own (λ and the taps are common to every objective).</summary>
public sealed record SoftCcaSettings : ObjectiveSettings;
