using System;

namespace Sdl.Dsl
{
    /// <summary>2-D max pooling (<c>nn.MaxPool2d</c>) with a square window; reads a <c>[channels, height, width]</c> input.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class MaxPool2dAttribute : LayerAttribute
    {
        /// <summary>Creates a max pooling layer.</summary>
        /// <param name="name">Component name.</param>
        /// <param name="kernelSize">Side of the square window (positive).</param>
        public MaxPool2dAttribute(string name, int kernelSize) : base(name) => KernelSize = kernelSize;

        /// <summary>Side of the square window.</summary>
        public int KernelSize { get; }

        /// <summary>Stride; 0 (the default) means the window size.</summary>
        public int Stride { get; set; }
    }
}
