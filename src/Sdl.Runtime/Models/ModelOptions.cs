using Sdl.Dsl;

namespace Sdl.Runtime.Models;

/// <summary>
/// Overrides of a generated model's declared hyperparameters, given when the model is constructed
/// (<c>new MyModel(new ModelOptions { Lambda = 0.1, Alpha = 0.9, EmbeddingSize = 32 })</c>). The attribute values
/// are the defaults; a null property keeps them. Values are checked with the rules and messages of the compile-time
/// diagnostics (<see cref="SdlRules"/>); the values in force are in <see cref="ModelInfo.Hyperparameters"/>.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>λ, the weight of the decorrelation terms (<c>[SoftCca(Lambda)]</c>, <c>[Dcca(Lambda)]</c>, ...).</summary>
    public double? Lambda { get; init; }

    /// <summary>SDL's running-average factor α, for every SDL tap.</summary>
    public double? Alpha { get; init; }

    /// <summary>SDL's norm, for every SDL tap.</summary>
    public SdlNorm? Norm { get; init; }

    /// <summary>SDL's reduction of the off-diagonal entries, for every SDL tap.</summary>
    public SdlReduction? Reduction { get; init; }

    /// <summary>
    /// Width of every view's embedding. Only views whose embedding is made by a final declared <c>[Dense]</c>
    /// (optionally followed by dropout, normalisation or activation layers) can change it; the shapes after it and
    /// the taps on it follow.
    /// </summary>
    public long? EmbeddingSize { get; init; }

    /// <summary>Relative weight of single taps, keyed <c>"View.layer"</c>.</summary>
    public IReadOnlyDictionary<string, double>? TapWeights { get; init; }

    /// <summary>Drop probability of single <c>[Dropout]</c> layers, keyed <c>"View.layer"</c>.</summary>
    public IReadOnlyDictionary<string, double>? DropoutProbabilities { get; init; }

    /// <summary>
    /// Overrides of the objective's own settings, of the objective's options type (<see cref="Objectives.DccaOptions"/>,
    /// <see cref="Objectives.DccaEyOptions"/>, <see cref="Objectives.FaeOptions"/>); another objective's type is refused.
    /// </summary>
    public Objectives.ObjectiveOptions? Objective { get; init; }
}
