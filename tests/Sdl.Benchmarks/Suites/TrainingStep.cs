using Sdl.Runtime.Losses;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>One two-view training step with MLP encoders 392 → 1024 ReLU → k and Adam.</summary>
internal sealed class TrainingStep
{
    public const int Warmup = 3;
    readonly nn.Module<Tensor, Tensor>[] encoders;
    readonly Func<Tensor[], Tensor> objective;
    readonly optim.Optimizer optimiser;
    readonly Tensor[] inputs;

    TrainingStep(int m, int k, Func<Tensor[], Tensor> objective)
    {
        manual_seed(0);
        encoders = Enumerable.Range(0, 2).Select(_ => (nn.Module<Tensor, Tensor>)nn.Sequential(nn.Linear(392, 1024), nn.ReLU(), nn.Linear(1024, k))).ToArray();
        optimiser = optim.Adam(encoders.SelectMany(e => e.parameters()), lr: 1e-3);
        inputs = Enumerable.Range(0, 2).Select(_ => randn(m, 392)).ToArray();
        this.objective = objective;
    }

    /// <summary>Soft CCA: distance of the batch-normalised embeddings + 1e-3·SDL on each (α = 0.9).</summary>
    public static TrainingStep SoftCca(int m, int k)
    {
        var distance = new SoftCcaDistance();
        var sdl = new[] { new StochasticDecorrelationLoss(k, alpha: 0.9), new StochasticDecorrelationLoss(k, alpha: 0.9) };
        return new TrainingStep(m, k, z => distance.call(z) + 1e-3 * (sdl[0].call(z[0]) + sdl[1].call(z[1])));
    }

    /// <summary>Exact DCCA over all k canonical pairs (ridge 1e-3, float64 loss).</summary>
    public static TrainingStep Dcca(int m, int k)
    {
        var dcca = new DccaLoss(k);
        return new TrainingStep(m, k, z => dcca.call(z[0], z[1]));
    }

    /// <summary>Median step time in milliseconds, and the last loss value.</summary>
    public (double MedianMs, double LastLoss) Time(int steps)
    {
        var times = new List<double>();
        double last = double.NaN;
        for (int step = 0; step < Warmup + steps; step++)
        {
            double start = Clock.NowMilliseconds();
            using (NewDisposeScope())
            {
                var z = encoders.Zip(inputs, (e, x) => e.call(x)).ToArray();
                var loss = objective(z);
                optimiser.zero_grad();
                loss.backward();
                optimiser.step();
                last = loss.item<float>();
            }
            if (step >= Warmup) times.Add(Clock.NowMilliseconds() - start);
        }
        times.Sort();
        return (times[times.Count / 2], last);
    }
}
