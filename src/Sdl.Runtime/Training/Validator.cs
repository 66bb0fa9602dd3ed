using Sdl.Runtime.Data;
using Sdl.Runtime.Interop;
using Sdl.Runtime.Metrics;
using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>
/// Per-epoch validation: the mean loss terms on the validation data, and a score to stop early on
/// (higher is better): for multi-view models the total correlation of the top-k canonical pairs,
/// linear CCA fitted on training embeddings and measured on validation embeddings; for
/// [Supervised] models the validation accuracy.
/// </summary>
public sealed class Validator
{
    readonly MultiViewModule model;
    readonly MultiViewDataset validation;
    readonly MultiViewDataset fitSubset;
    readonly TrainerOptions options;
    readonly Device device;

    /// <summary>
    /// Prepares validation of <paramref name="model"/> on <paramref name="validation"/>, which is held in memory
    /// (a validation set is small by nature). The CCA of the score is fitted on a fixed seeded sample of
    /// <paramref name="train"/> of at most <see cref="TrainerOptions.ValidationFitSamples"/> samples
    /// (<see cref="IMultiViewBatchSource.LoadSample"/>), loaded once: an on-disk training source is never read whole.
    /// </summary>
    public Validator(MultiViewModule model, IMultiViewBatchSource train, MultiViewDataset validation, TrainerOptions options, Device device)
    {
        this.model = model;
        this.validation = validation;
        this.options = options;
        this.device = device;
        // A fixed seeded subset keeps the score comparable from epoch to epoch and cheap to compute.
        fitSubset = train.LoadSample(options.ValidationFitSamples, options.Seed);
        ScoreName = model.Info.Objective == ObjectiveKind.Supervised
            ? "validation accuracy"
            : $"validation total correlation (top {TopK})";
    }

    /// <summary>What the score measures, for display ("validation accuracy" or "validation total correlation (top k)").</summary>
    public string ScoreName { get; }

    /// <summary>Canonical pairs summed: the requested k, capped at the narrowest embedding.</summary>
    public int TopK => (int)Math.Min(options.ValidationTopK, model.Info.Views.Min(v => v.EmbeddingSize));

    /// <summary>The mean loss terms on the validation data and the score (higher is better).</summary>
    public (IReadOnlyDictionary<string, double> Loss, double Score) Evaluate() => (MeanLoss(), Score());

    IReadOnlyDictionary<string, double> MeanLoss()
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            int batchSize = Math.Min(options.BatchSize, validation.Count);
            var loader = new MiniBatchLoader(validation, batchSize, shuffle: false, seed: 0, dropLast: true, ModelEmbeddings.ViewShapes(model.Info));
            var sums = new Dictionary<string, double>(StringComparer.Ordinal);
            using var _ = no_grad();
            for (int b = 0; b < loader.BatchesPerEpoch; b++)
            {
                using var step = NewDisposeScope();
                var batch = loader.Create(Enumerable.Range(b * batchSize, batchSize).ToArray(), device);
                var output = model.call(batch.Views);
                foreach (var (name, value) in model.ComputeLoss(output, batch.Views, batch.Labels).ToValues())
                    sums[name] = sums.GetValueOrDefault(name) + value;
            }
            return sums.ToDictionary(kv => kv.Key, kv => kv.Value / loader.BatchesPerEpoch);
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    double Score()
    {
        using var scope = NewDisposeScope();
        var validationEmbeddings = ModelEmbeddings.Compute(model, validation, options.BatchSize, device);
        if (model.Info.Objective == ObjectiveKind.Supervised)
        {
            var predicted = validationEmbeddings[0].argmax(1);
            var labels = tensor(validation.Labels!.Select(l => (long)l).ToArray());
            return HeldScalars.Read(predicted.eq(labels).to(float64).mean());
        }
        var fitEmbeddings = ModelEmbeddings.Compute(model, fitSubset, options.BatchSize, device);
        var cca = LinearCca.Fit(fitEmbeddings[0], fitEmbeddings[1], TopK);
        return cca.TotalCorrelation(validationEmbeddings[0], validationEmbeddings[1], Math.Min(TopK, cca.Components));
    }
}
