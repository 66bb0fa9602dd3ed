using System.Diagnostics;
using System.Runtime.InteropServices;
using Sdl.Runtime.Data;
using Sdl.Runtime.Interop;
using Sdl.Runtime.Metrics;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Scale;

/// <summary>
/// One method's training, run in time slices so that several methods can take turns on the same
/// core: <see cref="Train"/> runs optimiser steps (Adam, constant learning rate after an optional linear
/// warm-up, seeded batch order) until the slice's CPU seconds are used, and charges the run only the CPU and wall seconds of its
/// own slices; <see cref="Validate"/> scores the model (uncharged) and keeps the best weights.
/// </summary>
public sealed class SlicedRun : IDisposable
{
    readonly MultiViewModule model;
    readonly OptimizerHelper optimizer;
    readonly Validator validator;
    readonly TrainerOptions options;
    readonly MultiViewDataset train;
    readonly int batchSize, seed;
    readonly long batchesPerEpoch;
    readonly IReadOnlyList<IReadOnlyList<long>> viewShapes;
    readonly Device device = CPU;
    IEnumerator<MiniBatch>? batches;
    int epoch;
    long steps;
    Dictionary<string, Tensor>? best;

    public SlicedRun(string method, Func<MultiViewModule> create, MultiViewDataset train, MultiViewDataset validation, int batchSize, double learningRate, int seed, int validationTopK, int validationFitSamples, double warmupEpochs = 0)
    {
        Method = method;
        LearningRate = learningRate;
        this.train = train;
        this.batchSize = batchSize;
        this.seed = seed;
        random.manual_seed(seed);
        model = create();
        model.to(device);
        options = new TrainerOptions { BatchSize = batchSize, LearningRate = learningRate, Seed = seed, ValidationTopK = validationTopK, ValidationFitSamples = validationFitSamples, WarmupEpochs = warmupEpochs };
        optimizer = OptimizerFactory.Create(options, model.parameters());
        validator = new Validator(model, train, validation, options, device);
        viewShapes = ModelEmbeddings.ViewShapes(model.Info);
        batchesPerEpoch = train.BatchesPerEpoch(batchSize);
    }

    public string Method { get; }
    public double LearningRate { get; }

    /// <summary>CPU seconds of this run's own training steps (the budget clock).</summary>
    public double CpuSeconds { get; private set; }

    /// <summary>Wall seconds of this run's own training steps.</summary>
    public double WallSeconds { get; private set; }

    /// <summary>Epochs done (fractional: steps / steps per epoch).</summary>
    public double Epochs => steps / (double)batchesPerEpoch;

    /// <summary>Every validation so far, in time order.</summary>
    public List<CurvePoint> Curve { get; } = [];

    /// <summary>Why training stopped early (a non-finite loss, a failed decomposition), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Trains until this slice has used <paramref name="cpuSeconds"/> of CPU time (at least one step), or the run fails.</summary>
    public void Train(double cpuSeconds)
    {
        if (Failure is not null) return;
        model.train();
        double start = CpuClock.ProcessSeconds();
        var wall = Stopwatch.StartNew();
        // One no-GC region across the slice's optimiser steps, as the trainer holds one across an epoch.
        var pause = CollectionPause.Session();
        try
        {
            do Step(); while (Failure is null && CpuClock.ProcessSeconds() - start < cpuSeconds);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            // libtorch errors (a failed eigendecomposition of a singular covariance, for one) end this method's run, not the suite.
            Failure = $"{e.GetType().Name} at epoch {Epochs:F2}: {e.Message.Split('\n')[0]}";
        }
        finally
        {
            pause.Dispose(); // before validation, which allocates freely
            CpuSeconds += CpuClock.ProcessSeconds() - start;
            WallSeconds += wall.Elapsed.TotalSeconds;
        }
    }

    void Step()
    {
        using var scope = NewDisposeScope();
        if (batches is null || !batches.MoveNext())
        {
            if (batches is not null) epoch++;
            batches?.Dispose();
            batches = train.Epoch(epoch, batchSize, seed, device, viewShapes).GetEnumerator();
            batches.MoveNext();
        }
        var batch = batches.Current;
        // The trainer's warm-up rule, step by step; the rate stays put once it is over.
        if (options.WarmupEpochs > 0 && steps <= options.WarmupEpochs * batchesPerEpoch)
            OptimizerFactory.SetLearningRate(optimizer, OptimizerFactory.LearningRate(options, (int)(steps / batchesPerEpoch), (int)(steps % batchesPerEpoch), (int)batchesPerEpoch));
        optimizer.zero_grad();
        var output = model.call(batch.Views);
        var loss = model.ComputeLoss(output, batch.Views, batch.Labels);
        double total = loss.ToValues()["total"];
        if (!double.IsFinite(total))
        {
            Failure = $"non-finite loss ({total}) at epoch {Epochs:F2}";
            return;
        }
        loss.Total.backward();
        CollectionPause.Run(() => optimizer.step());
        steps++;
    }

    /// <summary>Scores the model on the validation split (not charged to the budget), records the point and keeps the best weights.</summary>
    public CurvePoint Validate()
    {
        double score;
        try
        {
            score = validator.Evaluate().Score;
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            score = double.NaN; // embeddings a linear CCA cannot fit (NaN weights) score nothing
        }
        var point = new CurvePoint(CpuSeconds, WallSeconds, Epochs, score);
        if (double.IsFinite(score) && (Curve.Count == 0 || !Curve.Any(p => double.IsFinite(p.Score) && p.Score >= score)))
            KeepBest();
        Curve.Add(point);
        return point;
    }

    void KeepBest()
    {
        DisposeBest();
        using var _ = no_grad();
        best = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    void DisposeBest()
    {
        if (best is null) return;
        foreach (var tensor in best.Values) tensor.Dispose();
        best = null;
    }

    /// <summary>
    /// Test total correlation of the best validated weights: linear CCA fitted on the whole training
    /// split's embeddings, the sum of the first <paramref name="topK"/> test correlations.
    /// </summary>
    public (double Total, int TopK) TestScore(MultiViewDataset test, int topK)
    {
        if (best is null) return (double.NaN, topK);
        model.load_state_dict(best);
        using var scope = NewDisposeScope();
        try
        {
            var trainEmbeddings = ModelEmbeddings.Compute(model, train, batchSize, device);
            var testEmbeddings = ModelEmbeddings.Compute(model, test, Math.Min(batchSize, (int)test.Count), device);
            var (_, total, k) = CorrelationEvaluation.Evaluate(trainEmbeddings[0], trainEmbeddings[1], testEmbeddings[0], testEmbeddings[1], topK);
            return (total, k);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            return (double.NaN, topK);
        }
    }

    public void Dispose()
    {
        batches?.Dispose();
        DisposeBest();
        optimizer.Dispose();
        model.Dispose();
    }
}
