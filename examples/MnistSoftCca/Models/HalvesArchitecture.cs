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
    /// Weight λ of the SDL terms: the library's default for Soft CCA, the best of the α × λ sweep at
    /// k = 50 (docs/results.md, section 4), with SDL's default α = 0.5. The SDL sum runs over k² − k
    /// entries, so its scale grows with k; the k = 10 model uses the same λ.
    /// </summary>
    public const float SoftCcaLambda = 0.3f;

    /// <summary>λ of the L1-SDL ablation: that form's best of the α × λ sweep (docs/results.md, section 4).</summary>
    public const float SoftCcaL1Lambda = 0.3f;
}
