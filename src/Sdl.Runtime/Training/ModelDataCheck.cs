using Sdl.Runtime.Data;
using Sdl.Runtime.Models;

namespace Sdl.Runtime.Training;

/// <summary>
/// Compares what a model declares with the data it is about to get, before the first step, and
/// says in words what does not fit (rather than letting a matrix product fail inside libtorch).
/// </summary>
public static class ModelDataCheck
{
    /// <summary>
    /// Throws <see cref="DataShapeException"/> listing every mismatch between <paramref name="info"/> and <paramref name="data"/>.
    /// Only the source's description (count, view names and widths, labels) is read, never its samples, so an
    /// on-disk source is checked without loading it; the values themselves (NaN, ∞) are checked as they are read.
    /// </summary>
    public static void Validate(ModelInfo info, IMultiViewBatchSource data, string role, int batchSize)
    {
        var problems = Problems(info, data, role, batchSize).ToList();
        if (problems.Count > 0)
            throw new DataShapeException($"Model '{info.Name}' cannot be trained on the {role} data ({data.Description}):" +
                                         string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}")));
    }

    /// <summary>Each mismatch as a sentence; empty when model and data fit.</summary>
    public static IEnumerable<string> Problems(ModelInfo info, IMultiViewBatchSource data, string role, int batchSize)
    {
        var names = data.ViewNames;
        var widths = data.ViewWidths;
        if (info.Views.Count != names.Count)
        {
            yield return $"the model has {info.Views.Count} view(s) ({string.Join(", ", info.Views.Select(v => v.Name))}) " +
                         $"but the {role} data has {names.Count} ({string.Join(", ", names)}).";
            yield break;
        }
        for (int v = 0; v < info.Views.Count; v++)
        {
            var view = info.Views[v];
            if (view.InputSize != widths[v])
                yield return $"view '{view.Name}' takes {view.InputSize} input features per sample (shape [{string.Join(", ", view.InputShape)}]), " +
                             $"but view {v + 1} of the {role} data ('{names[v]}') has {widths[v]}.";
        }
        if (info.Objective == ObjectiveKind.Supervised)
        {
            if (!data.HasLabels)
                yield return $"a [Supervised] model needs class labels, and the {role} data has none.";
            else if (info.Classes > 0 && data.ClassCount > info.Classes)
                yield return $"the labels go up to {data.ClassCount - 1} ({data.ClassCount} classes) but the model declares Classes = {info.Classes}.";
        }
        if (info.Objective == ObjectiveKind.Dcca)
            foreach (var view in info.Views.Where(v => v.EmbeddingSize >= batchSize))
                yield return $"DCCA estimates {view.EmbeddingSize}×{view.EmbeddingSize} covariances from each batch, so it needs more than " +
                             $"{view.EmbeddingSize} samples per batch; the batch size is {batchSize} (view '{view.Name}').";
        if (info.Objective == ObjectiveKind.DccaEy && batchSize < 4)
            yield return $"DCCA-EY compares the covariances of two halves of each batch, each of at least 2 samples, so it needs at least 4 samples per batch; the batch size is {batchSize}.";
        if (batchSize < 2)
            yield return "batch statistics (batch normalisation, SDL, CCA) need at least 2 samples per batch.";
    }

    /// <summary>
    /// Throws <see cref="DataShapeException"/> when <paramref name="data"/> cannot fill one batch of
    /// <paramref name="batchSize"/> (the words of <see cref="MiniBatchLoader"/>'s own check), or has more
    /// samples than a checkpoint can count.
    /// </summary>
    public static void RequireFullBatch(IMultiViewBatchSource data, int batchSize)
    {
        if (batchSize > data.Count)
            throw new DataShapeException($"{data.Description}: batch size {batchSize} is larger than the {data.Count:N0} samples, so no full batch can be formed.");
        if (data.Count > int.MaxValue)
            throw new DataShapeException($"{data.Description}: {data.Count:N0} samples; the trainer counts samples in 32 bits (at most {int.MaxValue:N0}).");
    }
}
