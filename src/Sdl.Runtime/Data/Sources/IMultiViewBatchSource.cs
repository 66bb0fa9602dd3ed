using static TorchSharp.torch;

namespace Sdl.Runtime.Data;

/// <summary>
/// Training data as the <see cref="Training.Trainer"/> reads it: what the samples look like
/// (count, view names and widths, labels) and, per epoch, full mini-batches in an order that depends
/// only on (seed, epoch). Implemented by the in-memory <see cref="MultiViewDataset"/> and by the
/// on-disk <see cref="ChunkedNpyViews"/> and <see cref="ChunkedParquetViews"/>, which read one chunk
/// at a time so that data larger than memory trains in bounded memory.
/// </summary>
public interface IMultiViewBatchSource
{
    /// <summary>What the data is (files, construction), for messages and reports.</summary>
    string Description { get; }

    /// <summary>Number of samples.</summary>
    long Count { get; }

    /// <summary>The view names, in the order the batches hold the views.</summary>
    IReadOnlyList<string> ViewNames { get; }

    /// <summary>Features per sample of each view, in <see cref="ViewNames"/> order.</summary>
    IReadOnlyList<int> ViewWidths { get; }

    /// <summary>Whether the batches carry class labels.</summary>
    bool HasLabels { get; }

    /// <summary>Number of classes (one more than the largest label; 0 when unlabelled).</summary>
    int ClassCount { get; }

    /// <summary>Full batches of <paramref name="batchSize"/> in one epoch (a final short batch is left out: batch statistics need full batches).</summary>
    long BatchesPerEpoch(int batchSize);

    /// <summary>
    /// The full batches of epoch <paramref name="epoch"/>, built lazily on <paramref name="device"/> (each batch's
    /// tensors belong to the dispose scope open when it is produced), views shaped
    /// [batch, ...<paramref name="viewShapes"/>[v]] (null: [batch, features]). The order depends only on
    /// (<paramref name="seed"/>, <paramref name="epoch"/>); <paramref name="skipBatches"/> leaves out the first
    /// batches of that same order, so a run resumed inside an epoch sees exactly the batches it had not yet seen.
    /// </summary>
    IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0);

    /// <summary>
    /// At most <paramref name="maxSamples"/> samples, drawn with <paramref name="seed"/>, loaded in memory
    /// (the whole data when it is no larger). The <see cref="Training.Validator"/> fits its score's CCA on it, so
    /// memory stays bounded by the sample whatever the size of the source.
    /// </summary>
    MultiViewDataset LoadSample(int maxSamples, int seed);
}
