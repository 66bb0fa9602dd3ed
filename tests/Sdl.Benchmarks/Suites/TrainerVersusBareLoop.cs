using Sdl.Examples.MnistSoftCca.Models;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// One epoch of the main job's models (examples/MnistSoftCca: Soft CCA and DCCA, k = 50, batch 256,
/// Adam 1e-3, 7,000 training samples of 392 + 392 pixels: the embedded MNIST split's size) through
/// <see cref="Trainer"/> and through a bare hand-written loop over the same batches and optimiser.
/// Validation and checkpointing are off in the compared run and timed as separate rows.
/// </summary>
internal static class TrainerVersusBareLoop
{
    const int TrainSamples = 7000, ValidationSamples = 1000, BatchSize = 256, Seed = 1, Rounds = 11;

    public static void Run(TextWriter output)
    {
        var train = Synthetic(TrainSamples, 11);
        var validation = Synthetic(ValidationSamples, 12);
        var options = new TrainerOptions
        {
            Epochs = 1, BatchSize = BatchSize, LearningRate = 1e-3, Seed = Seed, Device = "cpu",
            Progress = ProgressMode.Silent, RestoreBest = false, ValidationTopK = 50, RunName = "benchmark",
        };

        output.WriteLine($"## Trainer vs a bare loop: one epoch ({TrainSamples:N0} samples, {TrainSamples / BatchSize} steps of {BatchSize}, Adam), float32");
        output.WriteLine();
        output.WriteLine("| model | bare loop (ms) | Trainer.Fit (ms) | Trainer / bare | Fit + checkpoint (ms) | ratio | Fit + validation (ms) | ratio |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, create) in new (string, Func<MultiViewModule>)[] { ("Soft CCA (k = 50)", () => new MnistHalvesSoftCca()), ("DCCA (k = 50)", () => new MnistHalvesDcca()) })
        {
            var checkpoints = Path.Combine(Path.GetTempPath(), $"sdl-bench-{Guid.NewGuid():N}");
            // Each variant gets a fresh model with the same initial weights (built outside the clock).
            MultiViewModule Fresh() { manual_seed(Seed); return create(); }
            var variants = new (string Name, Action<MultiViewModule> Run)[]
            {
                ("bare", model => BareEpoch(model, train, options)),
                ("trainer", model => new Trainer(options).Fit(model, train)),
                ("checkpoint", model => new Trainer(options with { CheckpointDirectory = checkpoints }).Fit(model, train)),
                ("validation", model => new Trainer(options).Fit(model, train, validation)),
            };
            var times = variants.Select(_ => new List<double>()).ToArray();
            for (int round = -1; round < Rounds; round++) // round −1 warms up
                foreach (int v in SideBySide.TurnOrder(round + 1, variants.Length))
                {
                    var model = Fresh();
                    if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
                    // Every variant starts from a collected heap: the previous one's garbage (the validation
                    // pass allocates twice what an epoch does) is not collected on the next one's clock.
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    double start = Clock.NowMilliseconds();
                    variants[v].Run(model);
                    double elapsed = Clock.NowMilliseconds() - start;
                    if (round >= 0) times[v].Add(elapsed);
                    model.Dispose();
                }
            if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);

            double Median(int v) => SideBySide.Median(times[v]);
            double Ratio(int v) => SideBySide.Median(times[v].Zip(times[0], (a, b) => a / b).ToList());
            output.WriteLine($"| {name} | {Median(0):F0} | {Median(1):F0} | **{Ratio(1):F3}** | {Median(2):F0} | {Ratio(2):F3} | {Median(3):F0} | {Ratio(3):F2} |");
        }
        output.WriteLine();
        output.WriteLine($"Medians of {Rounds} interleaved rounds (ratios within each round). \"Fit\" runs without a validation set and without a checkpoint folder; " +
            "the last two columns add one checkpoint write (last.ckpt) and one validation pass (embeddings of up to 5,000 training samples and the validation set, linear CCA) to the same epoch.");
        output.WriteLine();
    }

    /// <summary>The loop a user would write: the trainer's batches (same loader, order and optimiser), nothing else.</summary>
    static void BareEpoch(MultiViewModule model, MultiViewDataset train, TrainerOptions options)
    {
        var device = CPU;
        model.to(device);
        model.train();
        using var optimizer = OptimizerFactory.Create(options, model.parameters());
        var loader = new MiniBatchLoader(train, options.BatchSize, shuffle: true, options.Seed, dropLast: true, ModelEmbeddings.ViewShapes(model.Info));
        var order = loader.Order(0);
        for (int step = 0; step < loader.BatchesPerEpoch; step++)
        {
            using var scope = NewDisposeScope();
            var batch = loader.Create(order[(step * options.BatchSize)..((step + 1) * options.BatchSize)], device);
            optimizer.zero_grad();
            var loss = model.ComputeLoss(model.call(batch.Views), batch.Views, batch.Labels);
            loss.Total.backward();
            optimizer.step();
        }
    }

    static MultiViewDataset Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        ViewData View(string name)
        {
            var values = new float[count * HalvesArchitecture.HalfPixels];
            for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
            return new ViewData(name, values, HalvesArchitecture.HalfPixels);
        }
        var labels = Enumerable.Range(0, count).Select(i => i % 10).ToArray();
        return new MultiViewDataset([View("left"), View("right")], labels, $"{count:N0} random 392 + 392 samples");
    }
}
