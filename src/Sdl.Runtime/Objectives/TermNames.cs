using Sdl.Dsl;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// The names of the terms in a <see cref="Models.LossBreakdown"/>, in one place: the runtime objectives
/// (<see cref="SoftCcaObjective"/>, <see cref="FaeObjective"/>) and the generated <c>ComputeLoss</c> of declared models
/// both take them from here, so training logs and reports name the same term the same way.
/// </summary>
public static class TermNames
{
    /// <summary>Soft CCA's agreement of the views, Σ_{v&lt;w} ‖BN(z_v) − BN(z_w)‖²/m.</summary>
    public const string Distance = "distance";

    /// <summary>Exact DCCA's negative sum of canonical correlations.</summary>
    public const string Dcca = "dcca";

    /// <summary>DCCA-EY's loss.</summary>
    public const string DccaEy = "dcca_ey";

    /// <summary>FAE's agreement of the shared blocks.</summary>
    public const string Agreement = "agreement";

    /// <summary>A classifier's cross-entropy.</summary>
    public const string CrossEntropy = "cross_entropy";

    /// <summary>FAE's reconstruction of one view: <c>reconstruction(view)</c>.</summary>
    public static string Reconstruction(string view) => $"reconstruction({view})";

    /// <summary>
    /// A decorrelation term: <c>sdl(key)</c>, <c>decov(key)</c> or <c>none(key)</c>, where the key is the tap
    /// (<c>"View.layer"</c> in declared models, the view's name in the runtime objectives).
    /// </summary>
    public static string Decorrelation(DecorrelationMethod method, string key) => method switch
    {
        DecorrelationMethod.Sdl => $"sdl({key})",
        DecorrelationMethod.DeCov => $"decov({key})",
        DecorrelationMethod.None => $"none({key})",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown decorrelation method."),
    };
}
