using System;

namespace Sdl.Dsl
{
    /// <summary>A fully connected layer (<c>nn.Linear</c>) followed by an optional activation; reads a flat input.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class DenseAttribute : LayerAttribute
    {
        /// <summary>Creates a dense layer.</summary>
        /// <param name="name">Component name (state_dict prefix).</param>
        /// <param name="units">Number of output features (positive).</param>
        /// <param name="activation">Activation applied to the output; none by default.</param>
        public DenseAttribute(string name, int units, Activation activation = Activation.None) : base(name)
        {
            Units = units;
            Activation = activation;
        }

        /// <summary>Number of output features.</summary>
        public int Units { get; }

        /// <summary>Activation applied to the output (the tapped activation is the value after it).</summary>
        public Activation Activation { get; }

        /// <summary>Whether the layer has a bias; true by default.</summary>
        public bool Bias { get; set; } = true;
    }
}
