using System;

namespace Sdl.Dsl
{
    /// <summary>Flattens each sample to one dimension (<c>nn.Flatten</c>), for example between convolutions and dense layers.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class FlattenAttribute : LayerAttribute
    {
        /// <summary>Creates a flatten layer.</summary>
        /// <param name="name">Component name.</param>
        public FlattenAttribute(string name) : base(name) { }
    }
}
