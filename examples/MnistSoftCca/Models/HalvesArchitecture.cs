namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>
/// Sizes shared by every model of this example: each view is one half of a 28 × 28 digit, and each
/// encoder is an MLP 392 → 512 → 512 → k (the DCCA benchmark's shape, narrowed so that the comparison runs in minutes on 2 CPU cores).
/// </summary>
public static class HalvesArchitecture
{
    public const int HalfPixels = 28 * 14;
    public const int Hidden = 512;

    /// <summary>λ of the L1-SDL ablation: that form's best of the α × λ sweep, with α = 0.5 (docs/results.md).</summary>
    public const double SoftCcaL1Lambda = 0.3;
}
