using System;

namespace Sdl.Dsl
{
    /// <summary>A 2-D convolution (<c>nn.Conv2d</c>) with square kernels, followed by an optional activation; reads a <c>[channels, height, width]</c> input.</summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public sealed class Conv2dAttribute : LayerAttribute
    {
        /// <summary>Creates a convolution.</summary>
        /// <param name="name">Component name.</param>
        /// <param name="outChannels">Number of output channels (positive).</param>
        /// <param name="kernelSize">Side of the square kernel (positive).</param>
        /// <param name="activation">Activation applied to the output; none by default.</param>
        public Conv2dAttribute(string name, int outChannels, int kernelSize, Activation activation = Activation.None) : base(name)
        {
            OutChannels = outChannels;
            KernelSize = kernelSize;
            Activation = activation;
        }

        /// <summary>Number of output channels.</summary>
        public int OutChannels { get; }

        /// <summary>Side of the square kernel.</summary>
        public int KernelSize { get; }

        /// <summary>Activation applied to the output.</summary>
        public Activation Activation { get; }

        /// <summary>Stride; 1 by default.</summary>
        public int Stride { get; set; } = 1;

        /// <summary>Zero padding on each side; 0 by default.</summary>
        public int Padding { get; set; }
    }
}
