using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>Runs a model over a whole data set in evaluation mode and collects its per-view embeddings or tapped activations.</summary>
public static class ModelEmbeddings
{
    /// <summary>
    /// One CPU float32 tensor [samples, embedding] per model output view, in data order. The caller
    /// owns (and disposes) them. The model's training mode is restored afterwards.
    /// </summary>
    public static Tensor[] Compute(MultiViewModule model, MultiViewDataset data, int batchSize, Device device) =>
        Collect(model, data, batchSize, device, output => output.Embeddings);

    /// <summary>
    /// The activations captured at the given taps (keys <c>"View.layer"</c> of <see cref="MultiViewOutput.Taps"/>),
    /// one CPU float32 tensor [samples, features] per key, flattened after the batch dimension.
    /// </summary>
    public static Tensor[] ComputeTaps(MultiViewModule model, MultiViewDataset data, int batchSize, Device device, params string[] tapKeys) =>
        Collect(model, data, batchSize, device, output => tapKeys.Select(key => output.Taps.TryGetValue(key, out var tap)
            ? tap.flatten(1)
            : throw new ArgumentException($"Model '{model.Info.Name}' captures no tap '{key}'; it captures {string.Join(", ", output.Taps.Keys)}.")).ToList());

    static Tensor[] Collect(MultiViewModule model, MultiViewDataset data, int batchSize, Device device, Func<MultiViewOutput, IReadOnlyList<Tensor>> select)
    {
        bool wasTraining = model.training;
        model.eval();
        var loader = new MiniBatchLoader(data, batchSize, shuffle: false, seed: 0, dropLast: false, ViewShapes(model.Info));
        var parts = new List<List<Tensor>>();
        try
        {
            using var outer = NewDisposeScope();
            using var _ = no_grad();
            for (int b = 0; b < loader.BatchesPerEpoch; b++)
            {
                using var step = NewDisposeScope();
                var batch = loader.Create(Enumerable.Range(b * batchSize, Math.Min(batchSize, data.Count - b * batchSize)).ToArray(), device);
                var selected = select(model.call(batch.Views));
                for (int v = 0; v < selected.Count; v++)
                {
                    if (parts.Count <= v) parts.Add([]);
                    parts[v].Add(selected[v].detach().cpu().to(float32).MoveToOuterDisposeScope());
                }
            }
            // The per-batch pieces die with the outer scope; only the concatenations leave it.
            return parts.Select(p => cat(p, 0).MoveToOuterDisposeScope()).ToArray();
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    /// <summary>The per-view sample shapes a model declares, for <see cref="MiniBatchLoader"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<long>> ViewShapes(ModelInfo info) => info.Views.Select(v => v.InputShape).ToList();
}
