using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Declares one input view (modality) of a <see cref="MultiViewModelAttribute"/> model, on a
    /// <c>public partial</c> get-only property. Views are fed to the model in declaration order.
    /// <para>
    /// With the property type <c>Sdl.Runtime.Models.ViewEncoder</c>, the encoder is built from the layer
    /// attributes on the property (<see cref="DenseAttribute"/>, <see cref="Conv2dAttribute"/>, ...), in order.
    /// With any other TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c> type that has a public parameterless
    /// constructor, that type is the encoder (a custom encoder); <see cref="DecorrelateAttribute.Layer"/>
    /// then names one of its module fields.
    /// </para>
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class ViewAttribute : Attribute
    {
        /// <summary>Number of input features of one sample, for flat inputs. Set this or <see cref="InputShape"/>.</summary>
        public int InputDim { get; set; }

        /// <summary>
        /// Shape of one sample without the batch dimension, for example <c>new[] { 1, 28, 28 }</c> for
        /// a grey image that a <see cref="Conv2dAttribute"/> reads. Flat inputs of the same size are reshaped to it.
        /// </summary>
        public int[]? InputShape { get; set; }

        /// <summary>
        /// The name of another view whose declared layers this view repeats (with parameters of its own), for example
        /// <c>[View(SameAs = "Left")]</c>. The input size is that view's unless <see cref="InputDim"/> or
        /// <see cref="InputShape"/> is given; <c>[Decorrelate]</c> taps are declared per view.
        /// </summary>
        public string? SameAs { get; set; }
    }
}
