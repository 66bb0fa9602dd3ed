using System.Diagnostics;
using Sdl.Runtime.Data;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments;

/// <summary>Trains one model with the library's trainer and returns it with its embeddings.</summary>
public static class ModelRun
{
    public static (TrainingResult Result, Tensor[] Train, Tensor[] Test, double Seconds) TrainAndEmbed(
        Func<MultiViewModule> create, DatasetSplit split, int epochs, int batchSize, int seed, string name, int validationTopK)
    {
        var clock = Stopwatch.StartNew();
        random.manual_seed(seed);
        using var model = create();
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = batchSize,
            Seed = seed,
            ValidationTopK = validationTopK,
            RunName = $"{name} (seed {seed})",
        });
        var result = trainer.Fit(model, split.Train, split.Validation);
        var device = DeviceSelector.Resolve("auto");
        var train = ModelEmbeddings.Compute(model, split.Train, batchSize, device);
        var test = ModelEmbeddings.Compute(model, split.Test, batchSize, device);
        foreach (var t in train.Concat(test)) t.MoveToOuterDisposeScope();
        return (result, train, test, clock.Elapsed.TotalSeconds);
    }
}
