using System;

namespace Sdl.Dsl
{
    /// <summary>Layer normalisation (<c>nn.LayerNorm</c>) over all features of one sample.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class LayerNormAttribute : LayerAttribute
    {
        /// <summary>Creates a layer normalisation layer.</summary>
        /// <param name="name">Component name.</param>
        public LayerNormAttribute(string name) : base(name) { }
    }
}
