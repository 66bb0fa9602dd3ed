using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Factorisation autoencoder (2 or more views). Each view's encoder (its layers without
    /// <see cref="LayerAttribute.Decoder"/>) ends in a latent <c>h_v = [s_v; p_v]</c> of
    /// <see cref="Shared"/> + <see cref="Private"/> features; its decoder layers map it back to the input.
    /// <c>L = Σ_v ‖x_v − x̂_v‖²/m + β Σ_{v&lt;w} ‖BN(s_v) − BN(s_w)‖²/m + λ Σ_v SDL(h_v)</c>.
    /// SDL on the whole latent is added for every view (with the settings of a <see cref="DecorrelateAttribute"/>
    /// on the latent layer if there is one); the model's embeddings are the shared blocks <c>s_v</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class FaeAttribute : Attribute
    {
        /// <summary>Size of the shared latent block (positive).</summary>
        public int Shared { get; set; }

        /// <summary>Size of each view's private latent block (non-negative).</summary>
        public int Private { get; set; }

        /// <summary>Weight β (non-negative) of the cross-view agreement of the shared blocks; 1 by default.</summary>
        public double Beta { get; set; } = SdlDefaults.FaeBeta;

        /// <summary>Weight λ (non-negative) of the decorrelation terms; 1e-3 by default.</summary>
        public double Lambda { get; set; } = SdlDefaults.Lambda;
    }
}
