using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Export;

/// <summary>
/// Embeddings for downstream use: runs a trained model over a data set (in batches, evaluation
/// mode, no gradients) and writes each view's embeddings as a float32 <c>.npy</c> of shape
/// (samples, embedding), plus the labels as int64 when the data has them.
/// </summary>
public static class EmbeddingExport
{
    /// <summary>
    /// Writes <c>{directory}/{view}.npy</c> for every view (and <c>labels.npy</c>) and returns the
    /// paths, views first. <paramref name="device"/> defaults to the device of the model's parameters.
    /// </summary>
    public static IReadOnlyList<string> WriteNpy(MultiViewModule model, MultiViewDataset data, string directory, int batchSize = 256, Device? device = null)
    {
        CheckFits(model.Info, data);
        device ??= model.parameters().FirstOrDefault()?.device ?? CPU;
        using var scope = NewDisposeScope();
        var embeddings = ModelEmbeddings.Compute(model, data, batchSize, device);
        var paths = new List<string>();
        for (int v = 0; v < embeddings.Length; v++)
        {
            var embedding = embeddings[v].contiguous();
            var path = Path.Combine(directory, $"{model.Info.Views[v].Name}.npy");
            NpyWriter.Write(path, embedding.data<float>().ToArray(), embedding.shape);
            paths.Add(path);
        }
        if (data.Labels is not null)
        {
            var path = Path.Combine(directory, "labels.npy");
            NpyWriter.Write(path, data.Labels.Select(l => (long)l).ToArray(), data.Labels.Length);
            paths.Add(path);
        }
        return paths;
    }

    static void CheckFits(ModelInfo info, MultiViewDataset data)
    {
        if (info.Views.Count != data.Views.Count)
            throw new DataShapeException($"Model '{info.Name}' has {info.Views.Count} view(s) ({string.Join(", ", info.Views.Select(v => v.Name))}) but the data ({data.Description}) has {data.Views.Count} ({string.Join(", ", data.Views.Select(v => v.Name))}).");
        for (int v = 0; v < info.Views.Count; v++)
            if (info.Views[v].InputSize != data.Views[v].Width)
                throw new DataShapeException($"Model '{info.Name}': view '{info.Views[v].Name}' takes {info.Views[v].InputSize} features per sample, but view {v + 1} of the data ('{data.Views[v].Name}', {data.Description}) has {data.Views[v].Width}.");
    }
}
