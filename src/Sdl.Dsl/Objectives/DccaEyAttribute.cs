using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// DCCA-EY (Chapman, Aguila and Wells, ICLR 2024; cca_zoo's <c>DCCA_EY</c>), 2 or more views with equal
    /// embedding sizes: an SVD-free deep CCA objective, <c>L = −2·tr(A) + tr(B·B')</c> with A the mean
    /// cross-covariance and B the mean auto-covariance of the batch embeddings, plus λ times the
    /// decorrelation terms of any taps. O(m·k²) like SDL, and no limit on the embedding size relative to the batch.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class DccaEyAttribute : Attribute
    {
        /// <summary>Where B' comes from: the same batch (the default, <see cref="SdlDefaults.EyPenalty"/>) or disjoint halves of it (unbiased, noisier).</summary>
        public EyPenalty Penalty { get; set; } = SdlDefaults.EyPenalty;

        /// <summary>Weight λ (non-negative) of the decorrelation terms of any <see cref="DecorrelateAttribute"/> taps; 1e-3 by default.</summary>
        public double Lambda { get; set; } = SdlDefaults.Lambda;
    }
}
