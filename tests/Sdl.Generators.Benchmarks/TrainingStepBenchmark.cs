using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Generators.Benchmarks;

/// <summary>
/// Generated vs hand-written training step (forward, loss, backward, Adam step, one dispose scope), interleaved in
/// short rounds so that load from other processes on the shared machine hits both alike. The ratio reported is the
/// median of the per-round ratios (each round times both models back to back), which cancels slow drifts in load.
/// libtorch runs on one thread here: on a shared, oversubscribed machine, thread contention adds more noise than signal.
/// </summary>
public static class TrainingStepBenchmark
{
    public static (double GeneratedMs, double HandWrittenMs, double Ratio) Run(int batch = 256, int rounds = 41, int stepsPerRound = 3)
    {
        set_num_threads(1);
        manual_seed(1);
        using var generated = new BenchmarkHalves();
        using var handWritten = new HandWrittenHalves();
        // Same weights and buffers, so both compute the same loss: checked below before any timing.
        handWritten.load_state_dict(generated.state_dict());
        var left = randn(batch, 392);
        var right = randn(batch, 392);
        var inputs = new[] { left, right };

        double generatedLoss, handWrittenLoss;
        using (var check = NewDisposeScope())
        {
            generated.eval();
            handWritten.eval();
            generatedLoss = generated.ComputeLoss(generated.forward(inputs), inputs).Total.ToDouble();
            handWrittenLoss = handWritten.forward(left, right).ToDouble();
            generated.train();
            handWritten.train();
        }
        if (Math.Abs(generatedLoss - handWrittenLoss) > 1e-4 * Math.Abs(handWrittenLoss))
            throw new InvalidOperationException($"The two models disagree: generated {generatedLoss}, hand-written {handWrittenLoss}.");

        var generatedOptimizer = optim.Adam(generated.parameters(), lr: 1e-4);
        var handOptimizer = optim.Adam(handWritten.parameters(), lr: 1e-4);
        void GeneratedStep()
        {
            using var scope = NewDisposeScope();
            generatedOptimizer.zero_grad();
            generated.ComputeLoss(generated.forward(inputs), inputs).Total.backward();
            generatedOptimizer.step();
        }
        void HandStep()
        {
            using var scope = NewDisposeScope();
            handOptimizer.zero_grad();
            handWritten.forward(left, right).backward();
            handOptimizer.step();
        }

        for (int i = 0; i < 3; i++) { GeneratedStep(); HandStep(); }
        var generatedTimes = new List<double>();
        var handTimes = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so neither always runs on a warmer cache.
            if (round % 2 == 0)
            {
                generatedTimes.Add(Time(GeneratedStep, stepsPerRound));
                handTimes.Add(Time(HandStep, stepsPerRound));
            }
            else
            {
                handTimes.Add(Time(HandStep, stepsPerRound));
                generatedTimes.Add(Time(GeneratedStep, stepsPerRound));
            }
        }
        var ratios = generatedTimes.Zip(handTimes, (g, h) => g / h).ToList();
        return (Median(generatedTimes), Median(handTimes), Median(ratios));
    }

    private static double Time(Action step, int count)
    {
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++) step();
        return watch.Elapsed.TotalMilliseconds / count;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
