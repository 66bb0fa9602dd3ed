using System.Diagnostics;
using Sdl.Runtime.Data;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments;

/// <summary>One trained model's history and its embeddings (one tensor per view) of each split.</summary>
public sealed record RunOutput(TrainingResult Result, Tensor[] Train, Tensor[] Validation, Tensor[] Test, double Seconds);

/// <summary>Trains one model with the library's trainer and returns it with its embeddings.</summary>
public static class ModelRun
{
    /// <summary>
    /// Trains a fresh model seeded with <paramref name="seed"/> and returns the embeddings of every
    /// split, or with <paramref name="taps"/> the captured layers of those keys (such as "Left.latent").
    /// The tensors belong to the caller's dispose scope.
    /// </summary>
    public static RunOutput TrainAndEmbed(
        Func<MultiViewModule> create, DatasetSplit split, int epochs, int batchSize, int seed, string name, int validationTopK,
        double learningRate = 1e-3, IReadOnlyList<string>? taps = null, double warmupEpochs = 0)
    {
        var clock = Stopwatch.StartNew();
        random.manual_seed(seed);
        using var model = create();
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            LearningRate = learningRate,
            WarmupEpochs = warmupEpochs,
            Seed = seed,
            ValidationTopK = validationTopK,
            RunName = $"{name} (seed {seed})",
            // No checkpoint folder: the trainer keeps the best validation epoch's weights in memory and
            // puts them back after the last epoch, so every suite scores the best epoch, as docs/results.md says.
            RestoreBest = true,
        });
        var result = trainer.Fit(model, split.Train, split.Validation);
        var device = DeviceSelector.Resolve("auto");
        Tensor[] Embed(MultiViewDataset data)
        {
            var embeddings = taps is null
                ? ModelEmbeddings.Compute(model, data, batchSize, device)
                : ModelEmbeddings.ComputeTaps(model, data, batchSize, device, [.. taps]);
            foreach (var t in embeddings) t.MoveToOuterDisposeScope();
            return embeddings;
        }
        return new RunOutput(result, Embed(split.Train), Embed(split.Validation), Embed(split.Test), clock.Elapsed.TotalSeconds);
    }
}
