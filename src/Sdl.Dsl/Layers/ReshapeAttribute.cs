using System;

namespace Sdl.Dsl
{
    /// <summary>Reshapes each sample (the batch dimension is kept); the number of elements must not change. Has no parameters.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class ReshapeAttribute : LayerAttribute
    {
        /// <summary>Creates a reshape.</summary>
        /// <param name="name">Name of the step (it appears in the summary and can be tapped).</param>
        /// <param name="shape">Shape of one sample after the reshape, for example <c>1, 28, 28</c>.</param>
        public ReshapeAttribute(string name, params int[] shape) : base(name) => Shape = shape;

        /// <summary>Shape of one sample after the reshape.</summary>
        public int[] Shape { get; }
    }
}
