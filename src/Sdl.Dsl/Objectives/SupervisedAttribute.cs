using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Classification with one view: cross-entropy of the last layer's logits (which must have
    /// <see cref="Classes"/> units) plus λ times the decorrelation terms, SDL acting as a regulariser on hidden
    /// layers. Labels (class indices, int64) are passed to <c>ComputeLoss</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SupervisedAttribute : Attribute
    {
        /// <summary>Number of classes (at least 2).</summary>
        public int Classes { get; set; }

        /// <summary>Weight λ (non-negative) of the decorrelation terms; 1e-3 by default.</summary>
        public double Lambda { get; set; } = SdlDefaults.Lambda;
    }
}
