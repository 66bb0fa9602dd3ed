namespace Sdl.Generators.Model
{
    /// <summary>
    /// One view: how its encoder is made (declared layers or a custom type), its input shape, its layers
    /// (encoder and, for FAE, decoder) and its taps. <see cref="EmbeddingSize"/> is 0 when only known at run time.
    /// <see cref="ResizableFrom"/> is the index of the encoder layer that makes the embedding when its width can be set
    /// at construction (a final Dense followed only by shape-keeping layers), or -1. <see cref="PropertyModifiers"/> are the
    /// property's modifiers as the user wrote them (<c>public virtual partial</c>): the implementing part must repeat them.
    /// </summary>
    internal sealed record ViewSpec(
        string Name,
        ViewKind Kind,
        string PropertyType,
        string PropertyModifiers,
        EquatableArray<long> InputShape,
        EquatableArray<LayerSpec> Layers,
        EquatableArray<LayerSpec> DecoderLayers,
        EquatableArray<TapSpec> Taps,
        long EmbeddingSize,
        int ResizableFrom = -1);
}
