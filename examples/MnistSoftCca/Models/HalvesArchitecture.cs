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
    /// Weight λ of the SDL terms. The SDL sum runs over k² − k entries, so its scale grows with k;
    /// 0.1 was the best of 0.01, 0.1, 0.5 and 2 on the validation total correlation at k = 50
    /// (3 epochs with 1024-unit layers; test total correlations 17.1, 19.4, 18.1, 15.5; see the example's README).
    /// </summary>
    public const float SoftCcaLambda = 0.1f;
}
