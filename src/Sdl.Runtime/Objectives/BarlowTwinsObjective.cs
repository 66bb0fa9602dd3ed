using Sdl.Dsl;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>Barlow Twins of two views (<see cref="BarlowTwinsLoss"/>, term <c>barlow_twins</c>) plus λ·weight·D(tap) per tap.</summary>
public sealed class BarlowTwinsObjective : MultiViewObjective
{
    /// <summary>The name of the Barlow Twins term in a <see cref="LossBreakdown"/>.</summary>
    public const string Term = "barlow_twins";

    private readonly BarlowTwinsLoss loss;

    /// <param name="model">The model (two views of equal embedding width, taps, λ, <see cref="BarlowTwinsSettings"/>).</param>
    /// <param name="tapWidths">Each tap's width.</param>
    /// <exception cref="ArgumentException">Not two views, or embeddings of different widths, or a negative OffDiagonalWeight.</exception>
    public BarlowTwinsObjective(ModelInfo model, IReadOnlyList<long> tapWidths) : base(nameof(BarlowTwinsObjective), model, tapWidths)
    {
        if (model.Views.Count != 2) throw new ArgumentException($"Barlow Twins needs exactly two views; model '{model.Name}' has {model.Views.Count}.", nameof(model));
        if (model.Views[0].EmbeddingSize != model.Views[1].EmbeddingSize)
            throw new ArgumentException($"Barlow Twins needs embeddings of the same width; model '{model.Name}' has {model.Views[0].EmbeddingSize} and {model.Views[1].EmbeddingSize}.", nameof(model));
        double weight = Settings<BarlowTwinsSettings>().OffDiagonalWeight;
        if (!SdlRules.IsNonNegative(weight))
            throw new ArgumentException(SdlRules.Format(SdlRules.NonNegativeMessage, nameof(BarlowTwinsSettings.OffDiagonalWeight), weight), nameof(BarlowTwinsSettings.OffDiagonalWeight));
        loss = Add("barlowTwins", new BarlowTwinsLoss(weight));
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
    {
        yield return (Term, loss.call(output.Embeddings[0], output.Embeddings[1]), 1);
    }
}

/// <summary>Barlow Twins' settings: the declared <see cref="BarlowTwinsAttribute.OffDiagonalWeight"/>, with any override applied.</summary>
public sealed record BarlowTwinsSettings : ObjectiveSettings<BarlowTwinsOptions>
{
    /// <summary>λ_BT, the weight of <c>Σ_{i≠j} C_ij²</c>.</summary>
    public double OffDiagonalWeight { get; init; } = BarlowTwinsAttribute.DefaultOffDiagonalWeight;

    /// <inheritdoc/>
    protected override ObjectiveSettings Apply(BarlowTwinsOptions options)
    {
        double weight = options.OffDiagonalWeight ?? OffDiagonalWeight;
        Require(SdlRules.IsNonNegative(weight), nameof(BarlowTwinsOptions.OffDiagonalWeight), SdlRules.NonNegativeMessage, "OffDiagonalWeight", N(weight));
        return this with { OffDiagonalWeight = weight };
    }
}

/// <summary>Overrides of Barlow Twins' settings (<c>new ModelOptions { Objective = new BarlowTwinsOptions { OffDiagonalWeight = 1e-2 } }</c>).</summary>
public sealed record BarlowTwinsOptions : ObjectiveOptions
{
    /// <summary>λ_BT, the weight of <c>Σ_{i≠j} C_ij²</c>.</summary>
    public double? OffDiagonalWeight { get; init; }
}
