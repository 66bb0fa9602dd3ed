using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Exact deep CCA (Andrew et al. 2013) for exactly two views: the loss is minus the sum of the top-k
    /// canonical correlations of the two embeddings, plus λ times the decorrelation terms of any taps.
    /// Needs a batch clearly larger than the embedding size (the covariance must be well conditioned).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class DccaAttribute : Attribute
    {
        /// <summary>Number of canonical correlations summed; 0 (default) means all (the trace norm).</summary>
        public int TopK { get; set; }

        /// <summary>Ridge r added to each view's covariance diagonal; 1e-3 by default.</summary>
        public double Ridge { get; set; } = SdlDefaults.DccaRidge;

        /// <summary>Floor applied to covariance eigenvalues before the inverse square root; 1e-9 by default.</summary>
        public double EigenvalueFloor { get; set; } = SdlDefaults.DccaEigenvalueFloor;

        /// <summary>Computes the loss in float64 (recommended); true by default.</summary>
        public bool UseFloat64 { get; set; } = SdlDefaults.DccaUseFloat64;

        /// <summary>Weight λ (non-negative) of the decorrelation terms of any <see cref="DecorrelateAttribute"/> taps; 1e-3 by default.</summary>
        public double Lambda { get; set; } = SdlDefaults.Lambda;

        /// <summary>
        /// The mini-batch size you intend to train with, if known (0 = unknown). Used only to warn at compile time
        /// when the embedding size is close to or above it, where exact DCCA becomes ill-conditioned.
        /// </summary>
        public int BatchSize { get; set; }
    }
}
