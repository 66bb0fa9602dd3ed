namespace Sdl.Generators.Model
{
    /// <summary>
    /// One view: how its encoder is made (declared layers or a custom type), its input shape, its layers
    /// (encoder and, for FAE, decoder) and its taps. <see cref="EmbeddingSize"/> is 0 when only known at run time.
    /// </summary>
    internal sealed record ViewSpec(
        string Name,
        ViewKind Kind,
        string PropertyType,
        string PropertyAccessibility,
        EquatableArray<long> InputShape,
        EquatableArray<LayerSpec> Layers,
        EquatableArray<LayerSpec> DecoderLayers,
        EquatableArray<TapSpec> Taps,
        long EmbeddingSize);
}
