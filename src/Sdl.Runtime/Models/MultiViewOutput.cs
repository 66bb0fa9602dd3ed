using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Models;

/// <summary>
/// What a generated model's forward returns: every view's embedding and the activations of the
/// layers tagged with <c>[Decorrelate]</c>, keyed <c>"View.layer"</c>.
/// </summary>
public sealed class MultiViewOutput
{
    /// <summary>Wraps the embeddings, the tapped activations and, for FAE, the reconstructions (no copies).</summary>
    public MultiViewOutput(
        IReadOnlyList<Tensor> embeddings,
        IReadOnlyDictionary<string, Tensor> taps,
        IReadOnlyList<Tensor>? reconstructions = null)
    {
        Embeddings = embeddings;
        Taps = taps;
        Reconstructions = reconstructions;
    }

    /// <summary>One embedding per view, in declaration order (for <c>[Supervised]</c>: the logits).</summary>
    public IReadOnlyList<Tensor> Embeddings { get; }

    /// <summary>Captured activations of tagged layers, keyed <c>"View.layer"</c>.</summary>
    public IReadOnlyDictionary<string, Tensor> Taps { get; }

    /// <summary>Decoder outputs, one per view, for objectives that reconstruct their input (FAE).</summary>
    public IReadOnlyList<Tensor>? Reconstructions { get; }

    /// <summary>Detaches every tensor from the current dispose scope so it outlives it.</summary>
    public MultiViewOutput MoveToOuterDisposeScope()
    {
        foreach (var t in Embeddings) t.MoveToOuterDisposeScope();
        foreach (var t in Taps.Values) t.MoveToOuterDisposeScope();
        if (Reconstructions is not null) foreach (var t in Reconstructions) t.MoveToOuterDisposeScope();
        return this;
    }
}
