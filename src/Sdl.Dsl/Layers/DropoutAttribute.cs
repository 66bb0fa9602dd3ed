using System;

namespace Sdl.Dsl
{
    /// <summary>Dropout (<c>nn.Dropout</c>): zeroes each element with probability <see cref="Probability"/> in training mode.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class DropoutAttribute : LayerAttribute
    {
        /// <summary>Creates a dropout layer.</summary>
        /// <param name="name">Component name.</param>
        /// <param name="probability">Drop probability in [0, 1); 0.5 by default.</param>
        public DropoutAttribute(string name, double probability = 0.5) : base(name) => Probability = probability;

        /// <summary>Drop probability.</summary>
        public double Probability { get; }
    }
}
