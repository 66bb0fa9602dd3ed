using Sdl.Dsl;

namespace Sdl.Runtime.Models;

/// <summary>
/// One <c>[Decorrelate]</c> tap (or FAE's implicit one) with its settings in force: the one record that travels from the
/// attribute through the generated constructor to <see cref="Hyperparameters.Taps"/>, <see cref="ModelInfo.Decorrelations"/>
/// and the objective that builds the tap's decorrelation module.
/// </summary>
/// <param name="View">The view the tapped layer belongs to.</param>
/// <param name="Layer">The tapped layer.</param>
/// <param name="Method">SDL, DeCov or none (captured only, an ablation).</param>
/// <param name="Alpha">SDL's running-average factor α.</param>
/// <param name="Weight">Relative weight of the tap's term (times λ).</param>
/// <param name="Norm">SDL's norm on the off-diagonal.</param>
/// <param name="Reduction">SDL's reduction of the off-diagonal entries.</param>
public sealed record TapInfo(
    string View,
    string Layer,
    DecorrelationMethod Method,
    double Alpha,
    double Weight,
    SdlNorm Norm = SdlDefaults.Norm,
    SdlReduction Reduction = SdlReduction.Sum)
{
    /// <summary>The key of the tap in <see cref="MultiViewOutput.Taps"/>: <c>"View.layer"</c>.</summary>
    public string Key => $"{View}.{Layer}";
}
