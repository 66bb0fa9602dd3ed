using Sdl.Dsl;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>The SVD-free Eckhart–Young form of deep CCA (<see cref="DccaEyLoss"/>, term <c>dcca_ey</c>) plus λ·weight·D(tap) per tap.</summary>
public sealed class DccaEyObjective : MultiViewObjective
{
    private readonly DccaEyLoss loss;

    /// <param name="model">The model (views, taps, λ, <see cref="DccaEySettings"/>).</param>
    /// <param name="tapWidths">Each tap's width.</param>
    public DccaEyObjective(ModelInfo model, IReadOnlyList<long> tapWidths) : base(nameof(DccaEyObjective), model, tapWidths)
    {
        if (model.Views.Count < 2) throw new ArgumentException($"DCCA-EY needs at least two views; model '{model.Name}' has {model.Views.Count}.", nameof(model));
        loss = Add("dccaEy", new DccaEyLoss(Settings<DccaEySettings>().Penalty));
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
    {
        yield return (TermNames.DccaEy, loss.call(output.Embeddings), 1);
    }
}

/// <summary>DCCA-EY's settings.</summary>
/// <param name="Penalty">The penalty's form.</param>
public sealed record DccaEySettings(EyPenalty Penalty) : ObjectiveSettings<DccaEyOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<string> Describe() => [$"penalty = {Penalty}"];

    /// <inheritdoc/>
    protected override ObjectiveSettings Apply(DccaEyOptions options)
    {
        var penalty = options.Penalty ?? Penalty;
        Require(SdlRules.IsDefined(penalty), nameof(DccaEyOptions.Penalty), SdlRules.EnumMessage, "Penalty", (int)penalty, nameof(EyPenalty), SdlRules.EnumNames<EyPenalty>());
        return new DccaEySettings(penalty);
    }
}

/// <summary>Overrides of DCCA-EY's settings.</summary>
public sealed record DccaEyOptions : ObjectiveOptions
{
    /// <summary>The penalty's form.</summary>
    public EyPenalty? Penalty { get; init; }
}
