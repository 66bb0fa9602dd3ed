using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Barlow Twins (Zbontar et al., ICML 2021; cca_zoo's <c>BarlowTwins</c>), exactly two views with equal embedding
    /// sizes: <c>L = Σ_i (1 − C_ii)² + λ_BT Σ_{i≠j} C_ij²</c> with <c>C = Ẑ1ᵀẐ2 / m</c> the cross-correlation of the
    /// per-view batch-normalised embeddings (no affine parameters, biased variance, ε = 1e-5), plus λ times the
    /// decorrelation terms of any <see cref="DecorrelateAttribute"/> taps.
    /// </summary>
    [ObjectiveRuntime("Sdl.Runtime.Objectives.BarlowTwinsObjective", MinViews = 2, MaxViews = 2, EqualEmbeddings = true)]
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class BarlowTwinsAttribute : Attribute
    {
        /// <summary>The paper's λ_BT (and cca_zoo's default), 5e-3.</summary>
        public const double DefaultOffDiagonalWeight = 5e-3;

        /// <summary>Weight λ (non-negative) of the decorrelation terms of any <see cref="DecorrelateAttribute"/> taps; 1e-3 by default.</summary>
        public double Lambda { get; set; } = SdlDefaults.Lambda;

        /// <summary>λ_BT ≥ 0: the weight of the redundancy term <c>Σ_{i≠j} C_ij²</c> (5e-3 by default, as in the paper).</summary>
        public double OffDiagonalWeight { get; set; } = DefaultOffDiagonalWeight;
    }
}
