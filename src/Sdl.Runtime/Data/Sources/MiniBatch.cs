using static TorchSharp.torch;

namespace Sdl.Runtime.Data;

/// <summary>
/// One mini-batch on a device: a tensor per view (shaped as the model's views expect) and the
/// labels when the data has them. Created inside the training step's dispose scope.
/// </summary>
public sealed class MiniBatch
{
    /// <summary>Wraps the batch's view tensors, its labels (null when unlabelled) and the sample indices it holds.</summary>
    public MiniBatch(IReadOnlyList<Tensor> views, Tensor? labels, int[] indices)
    {
        Views = views;
        Labels = labels;
        Indices = indices;
    }

    /// <summary>One tensor per view, in the model's view order, batch dimension first.</summary>
    public IReadOnlyList<Tensor> Views { get; }

    /// <summary>int64 class labels, or null for unlabelled data.</summary>
    public Tensor? Labels { get; }

    /// <summary>Which samples of the data set the batch holds, in order.</summary>
    public int[] Indices { get; }

    /// <summary>Number of samples in the batch (may be smaller for the last batch).</summary>
    public int Size => Indices.Length;
}
