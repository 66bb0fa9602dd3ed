namespace Sdl.Generators.Model
{
    /// <summary>
    /// One declared layer with the shapes inferred at compile time (per sample, without the batch dimension):
    /// everything the emitter needs to construct and call it.
    /// </summary>
    internal sealed record LayerSpec(
        LayerKind Kind,
        string Name,
        EquatableArray<long> InputShape,
        EquatableArray<long> OutputShape,
        ActivationKind Activation,
        long Size,
        long KernelSize,
        long Stride,
        long Padding,
        double Probability,
        bool Bias,
        bool IsTapped);
}
