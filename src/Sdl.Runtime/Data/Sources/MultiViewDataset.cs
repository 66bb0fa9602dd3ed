namespace Sdl.Runtime.Data;

/// <summary>
/// Paired samples seen through several views (sample i of every view describes the same object),
/// with optional class labels. Everything is checked here, so a mismatch never reaches TorchSharp.
/// </summary>
public sealed class MultiViewDataset : IMultiViewBatchSource
{
    /// <summary>Checks and wraps the views and labels; <paramref name="description"/> prefixes every error message.</summary>
    /// <exception cref="DataShapeException">No views, views with different sample counts, or labels that do not fit.</exception>
    public MultiViewDataset(IReadOnlyList<ViewData> views, int[]? labels, string description)
    {
        if (views.Count == 0) throw new DataShapeException($"{description}: a data set needs at least one view.");
        int count = views[0].Count;
        var mismatched = views.Where(v => v.Count != count).ToList();
        if (mismatched.Count > 0)
            throw new DataShapeException(
                $"{description}: views with different sample counts ({string.Join(", ", views.Select(v => $"'{v.Name}' has {v.Count:N0}"))}); " +
                "every view needs one sample per object, in the same order.");
        if (labels is not null && labels.Length != count)
            throw new DataShapeException($"{description}: {labels.Length:N0} labels for {count:N0} samples.");
        if (labels is not null && labels.Any(l => l < 0))
            throw new DataShapeException($"{description}: labels must be non-negative class indices.");
        Views = views;
        Labels = labels;
        Description = description;
    }

    /// <summary>The views, each with one sample per object, in the same order.</summary>
    public IReadOnlyList<ViewData> Views { get; }

    /// <summary>Class labels, one per sample, or null for unlabelled data.</summary>
    public int[]? Labels { get; }

    /// <summary>What the data is (source and construction), for messages and reports.</summary>
    public string Description { get; }

    /// <summary>Number of samples (objects).</summary>
    public int Count => Views[0].Count;

    /// <summary>Number of classes (one more than the largest label; 0 when unlabelled).</summary>
    public int ClassCount => Labels is null || Labels.Length == 0 ? 0 : Labels.Max() + 1;

    long IMultiViewBatchSource.Count => Count;

    /// <summary>The view names, in view order.</summary>
    public IReadOnlyList<string> ViewNames => Views.Select(v => v.Name).ToList();

    /// <summary>Features per sample of each view, in view order.</summary>
    public IReadOnlyList<int> ViewWidths => Views.Select(v => v.Width).ToList();

    /// <summary>Whether the data has class labels.</summary>
    public bool HasLabels => Labels is not null;

    /// <summary>Full batches of <paramref name="batchSize"/> per epoch.</summary>
    public long BatchesPerEpoch(int batchSize) => Count / batchSize;

    /// <summary>
    /// The full batches of epoch <paramref name="epoch"/>, exactly those of a shuffling, last-dropping
    /// <see cref="MiniBatchLoader"/> (the order is a seeded permutation of the whole set).
    /// </summary>
    public IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, TorchSharp.torch.Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skipBatches);
        var loader = new MiniBatchLoader(this, batchSize, shuffle: true, seed, dropLast: true, viewShapes);
        return loader.Epoch(epoch, device, (int)Math.Min(skipBatches, loader.BatchesPerEpoch));
    }

    /// <summary>The whole set when it has at most <paramref name="maxSamples"/> samples, otherwise the first <paramref name="maxSamples"/> of a permutation seeded with <paramref name="seed"/>.</summary>
    public MultiViewDataset LoadSample(int maxSamples, int seed) =>
        Count <= maxSamples ? this : Subset(DatasetSplit.Permutation(Count, seed)[..maxSamples]);

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a new data set.</summary>
    public MultiViewDataset Subset(IReadOnlyList<int> indices, string? description = null)
    {
        foreach (var i in indices)
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"Sample index outside 0..{Count - 1}.");
        var views = Views.Select(view =>
        {
            var values = new float[indices.Count * view.Width];
            for (int r = 0; r < indices.Count; r++)
                view.Sample(indices[r]).CopyTo(values.AsSpan(r * view.Width, view.Width));
            return new ViewData(view.Name, values, view.Width);
        }).ToList();
        var labels = Labels is null ? null : indices.Select(i => Labels[i]).ToArray();
        return new MultiViewDataset(views, labels, description ?? Description);
    }

    /// <summary>View <paramref name="view"/> as a float32 [samples, width] tensor on the CPU.</summary>
    public TorchSharp.torch.Tensor ToTensor(int view) => TorchSharp.torch.tensor(Views[view].Values, [Count, Views[view].Width]);

    /// <summary>View <paramref name="view"/> as a float64 matrix (rows are samples), the form the metrics take.</summary>
    public double[,] ToMatrix(int view)
    {
        var data = Views[view];
        var matrix = new double[Count, data.Width];
        for (int i = 0; i < Count; i++)
        {
            var sample = data.Sample(i);
            for (int j = 0; j < data.Width; j++) matrix[i, j] = sample[j];
        }
        return matrix;
    }
}
