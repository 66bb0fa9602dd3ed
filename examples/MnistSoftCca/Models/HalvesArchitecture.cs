namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>
/// Sizes shared by every model of this example: each view is one half of a 28 × 28 digit, and each
/// encoder is an MLP 392 → 512 → 512 → k (the DCCA benchmark's shape, narrowed so that the comparison runs in minutes on 2 CPU cores).
/// </summary>
public static class HalvesArchitecture
{
    public const int HalfPixels = 28 * 14;
    public const int Hidden = 512;

    /// <summary>
    /// Weight λ of the SDL terms: the library's default for Soft CCA, the best λ on validation at
    /// k = 50 with SDL's defaults (squared norm, α = 0; docs/results.md). The SDL sum runs over k² − k
    /// entries, so its scale grows with k; other widths use the same λ unless overridden.
    /// </summary>
    public const float SoftCcaLambda = 0.3f;

    /// <summary>λ of the L1-SDL ablation: that form's best of the α × λ sweep, with α = 0.5 (docs/results.md).</summary>
    public const float SoftCcaL1Lambda = 0.3f;
}
