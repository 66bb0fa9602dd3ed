using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Data;

/// <summary>
/// Cuts a data set into mini-batches. The order of epoch e depends only on (seed, e), so a run
/// resumed at epoch e sees exactly the batches the uninterrupted run would have seen.
/// </summary>
internal sealed class MiniBatchLoader
{
    /// <param name="dataset">The samples to batch.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">Draw a new seeded order every epoch (training) or keep the data order (evaluation).</param>
    /// <param name="seed">Seed of the shuffling.</param>
    /// <param name="dropLast">Leave out a final short batch: batch statistics (batch norm, SDL) need full batches.</param>
    /// <param name="viewShapes">Per-view sample shape to reshape to (for example [1, 28, 28]); null keeps [batch, features].</param>
    public MiniBatchLoader(MultiViewDataset dataset, int batchSize, bool shuffle, int seed, bool dropLast, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        if (dropLast && batchSize > dataset.Count)
            throw new DataShapeException($"{dataset.Description}: batch size {batchSize} is larger than the {dataset.Count:N0} samples, so no full batch can be formed.");
        if (viewShapes is not null && viewShapes.Count != dataset.Views.Count)
            throw new DataShapeException($"{dataset.Description}: {viewShapes.Count} view shapes given for {dataset.Views.Count} views.");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        ViewShapes = viewShapes;
    }

    /// <summary>The samples batched.</summary>
    public MultiViewDataset Dataset { get; }
    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }
    /// <summary>Whether each epoch draws a new seeded order (training) or keeps the data order (evaluation).</summary>
    public bool Shuffle { get; }
    /// <summary>Seed of the shuffling; an epoch's order depends only on it and the epoch number.</summary>
    public int Seed { get; }
    /// <summary>Whether a final short batch is left out (batch statistics need full batches).</summary>
    public bool DropLast { get; }
    /// <summary>Per-view sample shape the batches are reshaped to, or null to keep [batch, features].</summary>
    public IReadOnlyList<IReadOnlyList<long>>? ViewShapes { get; }

    /// <summary>Number of batches in one epoch.</summary>
    public int BatchesPerEpoch => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>The sample order of epoch <paramref name="epoch"/>.</summary>
    public int[] Order(int epoch) =>
        Shuffle ? DatasetSplit.Permutation(Dataset.Count, EpochSeed(Seed, epoch)) : Enumerable.Range(0, Dataset.Count).ToArray();

    /// <summary>A seed for one epoch; stable across processes (unlike <see cref="HashCode"/>, which is randomised per process).</summary>
    public static int EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003 + epoch * 7919 + 17);

    /// <summary>
    /// The batches of one epoch, built lazily on <paramref name="device"/>. Each batch's tensors belong
    /// to whatever dispose scope is open when it is produced (the training step's).
    /// </summary>
    public IEnumerable<MiniBatch> Epoch(int epoch, Device device, int skipBatches = 0)
    {
        var order = Order(epoch);
        for (int b = skipBatches; b < BatchesPerEpoch; b++)
        {
            int start = b * BatchSize, size = Math.Min(BatchSize, order.Length - start);
            yield return Create(order[start..(start + size)], device);
        }
    }

    /// <summary>A batch of the given samples.</summary>
    public MiniBatch Create(int[] indices, Device device)
    {
        var views = new Tensor[Dataset.Views.Count];
        for (int v = 0; v < views.Length; v++)
        {
            var view = Dataset.Views[v];
            var buffer = new float[indices.Length * view.Width];
            for (int r = 0; r < indices.Length; r++)
                view.Sample(indices[r]).CopyTo(buffer.AsSpan(r * view.Width, view.Width));
            long[] shape = ViewShapes is null ? [indices.Length, view.Width] : [indices.Length, .. ViewShapes[v]];
            views[v] = tensor(buffer, shape, device: device);
        }
        Tensor? labels = Dataset.Labels is null ? null : tensor(indices.Select(i => (long)Dataset.Labels[i]).ToArray(), device: device);
        return new MiniBatch(views, labels, indices);
    }
}
