using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>Runs a model over a whole data set in evaluation mode and collects its per-view embeddings.</summary>
public static class ModelEmbeddings
{
    /// <summary>
    /// One CPU float32 tensor [samples, embedding] per model output view, in data order. The caller
    /// owns (and disposes) them. The model's training mode is restored afterwards.
    /// </summary>
    public static Tensor[] Compute(MultiViewModule model, MultiViewDataset data, int batchSize, Device device)
    {
        bool wasTraining = model.training;
        model.eval();
        var loader = new MiniBatchLoader(data, batchSize, shuffle: false, seed: 0, dropLast: false, ViewShapes(model.Info));
        var parts = new List<Tensor>[model.Info.Views.Count];
        try
        {
            using var outer = NewDisposeScope();
            using var _ = no_grad();
            for (int b = 0; b < loader.BatchesPerEpoch; b++)
            {
                using var step = NewDisposeScope();
                var batch = loader.Create(Enumerable.Range(b * batchSize, Math.Min(batchSize, data.Count - b * batchSize)).ToArray(), device);
                var output = model.call(batch.Views);
                for (int v = 0; v < output.Embeddings.Count; v++)
                {
                    (parts[v] ??= []).Add(output.Embeddings[v].detach().cpu().to(float32).MoveToOuterDisposeScope());
                }
            }
            // The per-batch pieces die with the outer scope; only the concatenations leave it.
            return parts.Where(p => p is not null).Select(p => cat(p, 0).MoveToOuterDisposeScope()).ToArray();
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    /// <summary>The per-view sample shapes a model declares, for <see cref="MiniBatchLoader"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<long>> ViewShapes(ModelInfo info) => info.Views.Select(v => v.InputShape).ToList();
}
