using System;

namespace Sdl.Dsl
{
    /// <summary>Batch normalisation with learnable affine parameters: <c>nn.BatchNorm1d</c> on flat inputs, <c>nn.BatchNorm2d</c> on images.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class BatchNormAttribute : LayerAttribute
    {
        /// <summary>Creates a batch normalisation layer.</summary>
        /// <param name="name">Component name.</param>
        public BatchNormAttribute(string name) : base(name) { }
    }
}
