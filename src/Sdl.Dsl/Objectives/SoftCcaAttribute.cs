using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Soft CCA objective (2 or more views, equal embedding sizes):
    /// <c>L = Σ_{v&lt;w} ‖BN(z_v) − BN(z_w)‖²_F / m + λ Σ_taps weight · decorrelation(tap)</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SoftCcaAttribute : Attribute
    {
        /// <summary>
        /// Weight λ (non-negative) of the decorrelation terms; 0.3 by default, the best λ with the default
        /// squared SDL and α = 0 at embedding size 50 (0.1: 39.3, 0.3: 41.9, 0.5: 40.6, 1: 37.6 validation
        /// total correlation; docs/results.md), and of the L1 form's 4 α × 5 λ sweep too. SDL sums
        /// k² − k entries, so retune λ when the embedding is much wider than 50: on Fashion-MNIST the best λ
        /// was 0.1 at k = 128, 0.03 at 256, 0.01 at 512 and 0.003 at 1024, about 0.3 · (50 / k)^1.5, and 0.3
        /// collapsed the embedding at 256 and 512 (docs/results.md, sections 8 and 9). Too large a λ shows
        /// as a validation score that falls to 0 within a few epochs.
        /// </summary>
        public double Lambda { get; set; } = SdlDefaults.SoftCcaLambda;
    }
}
