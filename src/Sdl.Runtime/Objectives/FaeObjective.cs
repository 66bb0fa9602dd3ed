using Sdl.Dsl;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// The factorisation autoencoder (DESIGN.md §4): <c>L = Σ_v ‖x_v − x̂_v‖²/m + β Σ_{v&lt;w} ‖BN(s_v) − BN(s_w)‖²/m + λ Σ_taps weight·D(tap)</c>,
/// with <c>s_v</c> the shared block (the model's embeddings) and <c>x̂_v</c> its reconstructions. Terms
/// <c>reconstruction(view)</c>, <c>agreement</c>, then the taps'.
/// </summary>
public sealed class FaeObjective : MultiViewObjective
{
    private readonly SoftCcaDistance agreement;
    private readonly ReconstructionLoss reconstruction;
    private readonly string[] reconstructionTerms;
    private readonly double beta;

    /// <param name="model">The model (views, taps, λ, <see cref="FaeSettings"/>).</param>
    /// <param name="tapWidths">Each tap's width.</param>
    public FaeObjective(ModelInfo model, IReadOnlyList<long> tapWidths) : base(nameof(FaeObjective), model, tapWidths)
    {
        if (model.Views.Count < 2) throw new ArgumentException($"FAE needs at least two views; model '{model.Name}' has {model.Views.Count}.", nameof(model));
        beta = Settings<FaeSettings>().Beta;
        agreement = Add("distance", new SoftCcaDistance());
        reconstruction = Add("reconstruction", new ReconstructionLoss());
        reconstructionTerms = model.Views.Select(v => TermNames.Reconstruction(v.Name)).ToArray();
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
    {
        var reconstructions = output.Reconstructions ?? throw new ArgumentException($"FAE model '{Model.Name}': the output carries no reconstructions.", nameof(output));
        for (int v = 0; v < reconstructionTerms.Length; v++)
            yield return (reconstructionTerms[v], reconstruction.call(reconstructions[v], inputs[v]), 1);
        yield return (TermNames.Agreement, agreement.call(output.Embeddings), beta);
    }
}

/// <summary>FAE's settings.</summary>
/// <param name="Beta">Weight β of the shared blocks' agreement.</param>
public sealed record FaeSettings(double Beta) : ObjectiveSettings<FaeOptions>
{
    /// <inheritdoc/>
    public override IEnumerable<string> Describe() => [$"β = {N(Beta)}"];

    /// <inheritdoc/>
    protected override ObjectiveSettings Apply(FaeOptions options)
    {
        double beta = options.Beta ?? Beta;
        Require(SdlRules.IsNonNegative(beta), nameof(FaeOptions.Beta), SdlRules.NonNegativeMessage, "Beta", N(beta));
        return new FaeSettings(beta);
    }
}

/// <summary>Overrides of FAE's settings.</summary>
public sealed record FaeOptions : ObjectiveOptions
{
    /// <summary>Weight β of the shared blocks' agreement.</summary>
    public double? Beta { get; init; }
}
