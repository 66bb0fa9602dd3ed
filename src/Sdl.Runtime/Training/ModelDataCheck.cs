using Sdl.Runtime.Data;
using Sdl.Runtime.Models;

namespace Sdl.Runtime.Training;

/// <summary>
/// Compares what a model declares with the data it is about to get, before the first step, and
/// says in words what does not fit (rather than letting a matrix product fail inside libtorch).
/// </summary>
public static class ModelDataCheck
{
    /// <summary>Throws <see cref="DataShapeException"/> listing every mismatch between <paramref name="info"/> and <paramref name="data"/>.</summary>
    public static void Validate(ModelInfo info, MultiViewDataset data, string role, int batchSize)
    {
        var problems = Problems(info, data, role, batchSize).ToList();
        if (problems.Count > 0)
            throw new DataShapeException($"Model '{info.Name}' cannot be trained on the {role} data ({data.Description}):" +
                                         string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p}")));
    }

    /// <summary>Each mismatch as a sentence; empty when model and data fit.</summary>
    public static IEnumerable<string> Problems(ModelInfo info, MultiViewDataset data, string role, int batchSize)
    {
        if (info.Views.Count != data.Views.Count)
        {
            yield return $"the model has {info.Views.Count} view(s) ({string.Join(", ", info.Views.Select(v => v.Name))}) " +
                         $"but the {role} data has {data.Views.Count} ({string.Join(", ", data.Views.Select(v => v.Name))}).";
            yield break;
        }
        for (int v = 0; v < info.Views.Count; v++)
        {
            var view = info.Views[v];
            var given = data.Views[v];
            if (view.InputSize != given.Width)
                yield return $"view '{view.Name}' takes {view.InputSize} input features per sample (shape [{string.Join(", ", view.InputShape)}]), " +
                             $"but view {v + 1} of the {role} data ('{given.Name}') has {given.Width}.";
        }
        if (info.Objective == ObjectiveKind.Supervised)
        {
            if (data.Labels is null)
                yield return $"a [Supervised] model needs class labels, and the {role} data has none.";
            else if (info.Classes > 0 && data.ClassCount > info.Classes)
                yield return $"the labels go up to {data.ClassCount - 1} ({data.ClassCount} classes) but the model declares Classes = {info.Classes}.";
        }
        if (info.Objective == ObjectiveKind.Dcca)
            foreach (var view in info.Views.Where(v => v.EmbeddingSize >= batchSize))
                yield return $"DCCA estimates {view.EmbeddingSize}×{view.EmbeddingSize} covariances from each batch, so it needs more than " +
                             $"{view.EmbeddingSize} samples per batch; the batch size is {batchSize} (view '{view.Name}').";
        if (batchSize < 2)
            yield return "batch statistics (batch normalisation, SDL, CCA) need at least 2 samples per batch.";
    }
}
