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
        /// Weight λ (non-negative) of the decorrelation terms. Unset, it follows the embedding width k
        /// (<see cref="SdlDefaults.SoftCcaLambdaFor"/>, also when <c>ModelOptions.EmbeddingSize</c> changes k): 0.3 up to
        /// k = 50, the best λ with the squared SDL and α = 0 there (0.1: 39.3, 0.3: 41.9, 0.5: 40.6, 1: 37.6 validation
        /// total correlation; docs/results.md), then 0.3 · (50 / k)^1.5, which tracks the λ chosen on validation at
        /// k = 128 to 1024 (0.3 collapsed the embedding at 256 and 512). Too large a λ shows as a validation score that
        /// falls to 0 within a few epochs.
        /// </summary>
        public double Lambda { get; set; } = SdlDefaults.SoftCcaLambda;
    }
}
