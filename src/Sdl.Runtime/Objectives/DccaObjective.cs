using Sdl.Dsl;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>Exact deep CCA of two views (<see cref="DccaLoss"/>, term <c>dcca</c>) plus λ·weight·D(tap) per tap.</summary>
public sealed class DccaObjective : MultiViewObjective
{
    private readonly DccaLoss dcca;

    /// <param name="model">The model (two views, taps, λ, <see cref="DccaSettings"/>).</param>
    /// <param name="tapWidths">Each tap's width.</param>
    /// <exception cref="ArgumentException">TopK is larger than the smaller embedding.</exception>
    public DccaObjective(ModelInfo model, IReadOnlyList<long> tapWidths) : base(nameof(DccaObjective), model, tapWidths)
    {
        if (model.Views.Count != 2) throw new ArgumentException($"DCCA needs exactly two views; model '{model.Name}' has {model.Views.Count}.", nameof(model));
        var settings = Settings<DccaSettings>();
        long smallest = Math.Min(model.Views[0].EmbeddingSize, model.Views[1].EmbeddingSize);
        if (settings.TopK < 0 || settings.TopK > smallest)
            throw new ArgumentException($"TopK = {settings.TopK} is invalid: it must lie between 1 and the smaller embedding size, {smallest} (0 means all)", nameof(DccaOptions.TopK));
        dcca = Add("dcca", new DccaLoss(settings.TopK > 0 ? settings.TopK : smallest, settings.Ridge, settings.EigenvalueFloor, settings.UseFloat64));
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
    {
        yield return (TermNames.Dcca, dcca.call(output.Embeddings[0], output.Embeddings[1]), 1);
    }
}

/// <summary>DCCA's settings.</summary>
/// <param name="TopK">Number of correlations to maximise (0 = all).</param>
/// <param name="Ridge">Ridge added to both auto-covariances.</param>
/// <param name="EigenvalueFloor">Floor of the eigenvalues before the inverse square root.</param>
/// <param name="UseFloat64">Whether the loss computes in float64.</param>
public sealed record DccaSettings(int TopK, double Ridge, double EigenvalueFloor, bool UseFloat64) : ObjectiveSettings<DccaOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<string> Describe() => [$"top-k = {(TopK > 0 ? TopK.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all")}", $"ridge = {N(Ridge)}"];

    /// <inheritdoc/>
    protected override ObjectiveSettings Apply(DccaOptions options)
    {
        var applied = new DccaSettings(options.TopK ?? TopK, options.Ridge ?? Ridge, options.EigenvalueFloor ?? EigenvalueFloor, options.UseFloat64 ?? UseFloat64);
        Require(SdlRules.IsNonNegative(applied.Ridge), nameof(DccaOptions.Ridge), SdlRules.NonNegativeMessage, "Ridge", N(applied.Ridge));
        Require(SdlRules.IsPositive(applied.EigenvalueFloor), nameof(DccaOptions.EigenvalueFloor), SdlRules.PositiveMessage, "EigenvalueFloor", N(applied.EigenvalueFloor));
        return applied;
    }
}

/// <summary>Overrides of DCCA's settings (<c>new ModelOptions { Objective = new DccaOptions { Ridge = 1e-4 } }</c>).</summary>
public sealed record DccaOptions : ObjectiveOptions
{
    /// <summary>Number of correlations to maximise (0 = all).</summary>
    public int? TopK { get; init; }

    /// <summary>Ridge added to both auto-covariances.</summary>
    public double? Ridge { get; init; }

    /// <summary>Floor of the eigenvalues.</summary>
    public double? EigenvalueFloor { get; init; }

    /// <summary>Whether the loss computes in float64.</summary>
    public bool? UseFloat64 { get; init; }
}
