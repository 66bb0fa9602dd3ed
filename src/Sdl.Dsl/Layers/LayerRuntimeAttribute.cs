using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Marks a layer attribute class (a <see cref="LayerAttribute"/>) as a new layer kind (docs/extending.md): a layer
    /// declared with it becomes a field of <see cref="RuntimeType"/>, built as
    /// <c>new RuntimeType(inputWidth, argument: value, ...)</c>: the input width first, then every argument written on the
    /// attribute (except the name and <see cref="LayerAttribute.Decoder"/>) as a named argument, the constructor's
    /// parameter names being the attribute's (<c>units</c> for a constructor parameter <c>units</c> or a property <c>Units</c>).
    /// The built-in layers (<see cref="DenseAttribute"/>, ...) are known to the generator and do not need it.
    /// </summary>
    /// <remarks>
    /// A marked layer reads a flat input (<c>[features]</c> per sample) and writes a flat output. Sdl.Dsl does not
    /// reference Sdl.Runtime or TorchSharp, so the runtime type, a <c>Module&lt;Tensor, Tensor&gt;</c>, is named by its full name.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class LayerRuntimeAttribute : Attribute
    {
        /// <param name="runtimeType">The full name of the layer's module type, a TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c>.</param>
        public LayerRuntimeAttribute(string runtimeType) => RuntimeType = runtimeType;

        /// <summary>The full name of the layer's module type.</summary>
        public string RuntimeType { get; }

        /// <summary>
        /// The attribute property that gives the output width (<c>nameof(Units)</c>); its value must be positive (SDL0010).
        /// Null (the default) for a layer that keeps its input's width.
        /// </summary>
        public string? OutputWidth { get; set; }

        /// <summary>The name shown in the model summary's Kind column; the attribute's name without <c>Attribute</c> when null.</summary>
        public string? Summary { get; set; }

        /// <summary>Whether the layer may be the last of a view's encoder, making its embedding (SDL0041 otherwise); true by default.</summary>
        public bool CanEndView { get; set; } = true;

        /// <summary>Whether <c>[Decorrelate]</c> may tap the layer's output (SDL0041 otherwise); true by default.</summary>
        public bool CanBeTapped { get; set; } = true;
    }
}
