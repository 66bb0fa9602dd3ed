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
        /// <summary>Weight λ (non-negative) of the decorrelation terms; 1e-3 by default.</summary>
        public float Lambda { get; set; } = 1e-3f;
    }
}
