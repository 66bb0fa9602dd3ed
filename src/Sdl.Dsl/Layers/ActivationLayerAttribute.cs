using System;

namespace Sdl.Dsl
{
    /// <summary>A stand-alone activation layer (<c>nn.ReLU</c>, <c>nn.Tanh</c>, ...), for example after a convolution or a normalisation.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class ActivationLayerAttribute : LayerAttribute
    {
        /// <summary>Creates an activation layer.</summary>
        /// <param name="name">Component name.</param>
        /// <param name="activation">The function (not <see cref="Activation.None"/>).</param>
        public ActivationLayerAttribute(string name, Activation activation) : base(name) => Activation = activation;

        /// <summary>The function.</summary>
        public Activation Activation { get; }
    }
}
