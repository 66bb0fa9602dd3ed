namespace Sdl.Runtime.Data;

/// <summary>
/// Paired samples seen through several views (sample i of every view describes the same object),
/// with optional class labels. Everything is checked here, so a mismatch never reaches TorchSharp.
/// </summary>
public sealed class MultiViewDataset
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
