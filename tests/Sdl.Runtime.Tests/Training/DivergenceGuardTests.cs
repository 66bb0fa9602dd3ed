using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// The divergence guard: blow-ups injected into real training (a huge learning rate for one step, a batch
/// scaled by 10⁶, a NaN) are caught before their update lands, the last good epoch's weights and optimiser
/// state come back, the learning rate falls, one line says so, and after the allowed recoveries the run stops.
/// </summary>
[Collection(TrainingCollection.Name)]
public class DivergenceGuardTests
{
    // 128 samples at batch 32: 4 steps per epoch; a window of 8 steps makes the loss check live from epoch 3.
    const int Samples = 128, StepsPerEpoch = 4;

    static TrainerOptions Options(int epochs, int maxRecoveries = 3, string? checkpoints = null) => TrainingFixtures.Options(checkpoints, epochs) with
    {
        DivergenceGuard = new DivergenceGuardOptions { LossWindow = 8, MaxRecoveries = maxRecoveries },
        RestoreBest = false,
    };

    /// <summary>Records the log lines, and every parameter and buffer of the model at each epoch's end and at each guard line.</summary>
    sealed class Recorder(Func<Dictionary<string, float[]>> probe) : TrainingProgress
    {
        public List<string> Messages { get; } = [];
        public List<string> GuardLines => Messages.Where(m => m.StartsWith("divergence guard: ", StringComparison.Ordinal) && !m.Contains("largest rise")).ToList();
        public Dictionary<int, Dictionary<string, float[]>> AtEpochEnd { get; } = [];
        public List<Dictionary<string, float[]>> AtRecovery { get; } = [];

        public override void Message(string text)
        {
            Messages.Add(text);
            if (text.StartsWith("divergence guard: ", StringComparison.Ordinal) && !text.Contains("largest rise")) AtRecovery.Add(probe());
        }

        public override void EpochCompleted(EpochMetrics metrics, int epochs) => AtEpochEnd[metrics.Epoch] = probe();
    }

    /// <summary>Scales the views of the batch at (<paramref name="epoch"/>, <paramref name="step"/>) by 10⁶: every time, or the first time only.</summary>
    sealed class PoisonedSource(IMultiViewBatchSource inner, int poisonedEpoch, int step, bool everyTime) : DelegatingSource(inner)
    {
        public int Served { get; private set; }
        public override IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0)
        {
            long index = skipBatches;
            foreach (var batch in Inner.Epoch(epoch, batchSize, seed, device, viewShapes, skipBatches))
            {
                if (epoch == poisonedEpoch && index++ == step && (everyTime || Served == 0))
                {
                    Served++;
                    yield return new MiniBatch(batch.Views.Select(v => v.mul(1e6)).ToArray(), batch.Labels, batch.Indices);
                }
                else yield return batch;
            }
        }
    }

    static TinyEyModel NewEyModel(int initSeed)
    {
        manual_seed(initSeed);
        return new TinyEyModel(6, 5, embedding: 4);
    }

    static void AssertSameValues(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, values) in expected) Assert.Equal(values, actual[key]);
    }

    static byte[] OptimizerBytes(OptimizerHelper optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        return stream.ToArray();
    }

    [Fact]
    public void HugeLearningRateForOneStep_RestoresTheLastGoodEpoch_WithItsOptimiserState_AndHalvesTheRate()
    {
        var data = TrainingFixtures.CorrelatedViews(Samples, seed: 71);
        var model = NewEyModel(72);
        var progress = new Recorder(() => TrainingFixtures.StateValues(model));
        var trainer = new Trainer(Options(epochs: 6), progress);
        // Global step 13 is epoch 4's second step: its update is taken with a learning rate of 10³, once.
        const long hugeStep = 3 * StepsPerEpoch + 1;
        bool injected = false;
        var optimizerAtEpochStart = new List<byte[]>();
        var rateAtEpochStart = new List<double>();
        trainer.BeforeOptimizerStep = (optimizer, globalStep) =>
        {
            if (globalStep == 3 * StepsPerEpoch)
            {
                // The saved state holds the rate too: compare the moments and step counts at one rate, then put it back.
                double rate = optimizer.ParamGroups.First().LearningRate;
                rateAtEpochStart.Add(rate);
                OptimizerFactory.SetLearningRate(optimizer, 1);
                optimizerAtEpochStart.Add(OptimizerBytes(optimizer));
                OptimizerFactory.SetLearningRate(optimizer, rate);
            }
            if (globalStep == hugeStep && !injected)
            {
                injected = true;
                OptimizerFactory.SetLearningRate(optimizer, 1e3);
            }
        };

        var result = trainer.Fit(model, data);

        // One recovery, announced in one line naming what blew up, where, what came back and the new rate.
        var line = Assert.Single(progress.GuardLines);
        Assert.Contains("the training loss jumped to", line);
        Assert.Contains("at epoch 4, step 3", line);
        Assert.Contains("restored the weights and optimiser state of epoch 3", line);
        Assert.Contains("learning rate × 0.5 (now 0.5 of the configured rate), batches in a fresh order; recovery 1 of 3", line);
        // The weights at the recovery are exactly those at the end of epoch 3 ...
        AssertSameValues(progress.AtEpochEnd[2], Assert.Single(progress.AtRecovery));
        // ... and so is Adam's state: the retried epoch starts from the same moments, at half the rate.
        Assert.Equal(2, optimizerAtEpochStart.Count);
        Assert.Equal(optimizerAtEpochStart[0], optimizerAtEpochStart[1]);
        Assert.Equal([5e-3, 2.5e-3], rateAtEpochStart);
        // The run completes all its epochs, the later ones at the lowered rate, with finite weights.
        Assert.Equal(Enumerable.Range(0, 6), result.History.Select(h => h.Epoch));
        Assert.Equal([5e-3, 5e-3, 5e-3, 2.5e-3, 2.5e-3, 2.5e-3], result.History.Select(h => h.LearningRate));
        Assert.Equal(6 * StepsPerEpoch, result.History[^1].GlobalStep);
        Assert.All(TrainingFixtures.StateValues(model).Values.SelectMany(v => v), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void BatchScaledByAMillion_IsCaughtBeforeItsUpdate_AndTheRetriedEpochCompletes()
    {
        var data = new PoisonedSource(TrainingFixtures.CorrelatedViews(Samples, seed: 73), poisonedEpoch: 3, step: 2, everyTime: false);
        var model = NewEyModel(74);
        var progress = new Recorder(() => TrainingFixtures.StateValues(model));

        var result = new Trainer(Options(epochs: 5), progress).Fit(model, data);

        Assert.Equal(1, data.Served);
        var line = Assert.Single(progress.GuardLines);
        Assert.Contains("the training loss jumped to", line);
        Assert.Contains("at epoch 4, step 3", line);
        AssertSameValues(progress.AtEpochEnd[2], Assert.Single(progress.AtRecovery));
        Assert.Equal([5e-3, 5e-3, 5e-3, 2.5e-3, 2.5e-3], result.History.Select(h => h.LearningRate));
        // Every epoch's mean loss stays at the healthy epochs' scale: the poisoned batch never reached the weights.
        double healthy = Math.Abs(result.History[2].TrainLoss["total"]);
        Assert.All(result.History, h => Assert.True(Math.Abs(h.TrainLoss["total"]) < 10 * healthy, $"epoch {h.Epoch + 1}: {h.TrainLoss["total"]}"));
    }

    [Fact]
    public void BatchPoisonedEveryTime_StopsAfterTheAllowedRecoveries_WithTheLastGoodWeights()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            var data = new PoisonedSource(TrainingFixtures.CorrelatedViews(Samples, seed: 75), poisonedEpoch: 3, step: 2, everyTime: true);
            var model = NewEyModel(76);
            var progress = new Recorder(() => TrainingFixtures.StateValues(model));

            var error = Assert.Throws<TrainingDivergedException>(() => new Trainer(Options(epochs: 6, maxRecoveries: 2, directory), progress).Fit(model, data));

            Assert.Equal(3, data.Served);
            Assert.Equal(2, progress.GuardLines.Count);
            Assert.Contains("recovery 1 of 2", progress.GuardLines[0]);
            Assert.Contains("learning rate × 0.5 (now 0.25 of the configured rate), batches in a fresh order; recovery 2 of 2", progress.GuardLines[1]);
            Assert.Equal(2, error.Recoveries);
            Assert.Equal(2, error.LastGoodEpoch);
            var checkpoint = Path.Combine(directory, Trainer.LastCheckpointName);
            Assert.Equal(checkpoint, error.LastGoodCheckpoint);
            Assert.StartsWith("Training diverged: the training loss jumped to", error.Message);
            Assert.Contains("at epoch 4, step 3", error.Message);
            Assert.Contains("after 2 recoveries by the divergence guard", error.Message);
            Assert.Contains("it was 0.25 of the configured rate", error.Message);
            Assert.Contains("The model holds the weights of epoch 3, the last good one.", error.Message);
            // The model is left with the last good weights, and the checkpoint on disk is that epoch's.
            AssertSameValues(progress.AtEpochEnd[2], TrainingFixtures.StateValues(model));
            Assert.Equal(3, TrainingCheckpoint.ReadState(checkpoint).CompletedEpochs);
        }
        finally { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void InjectedNaN_WithTheGuard_IsRecovered_InsteadOfStoppingTheRun()
    {
        var data = TrainingFixtures.CorrelatedViews(Samples, seed: 61);
        var model = TrainingFixtures.NewModel(62);
        model.PoisonSdlAtTrainingStep = 6; // epoch 2, step 2: before the loss window is full, a NaN is still caught
        var progress = new Recorder(() => TrainingFixtures.StateValues(model));

        var result = new Trainer(Options(epochs: 3), progress).Fit(model, data);

        var line = Assert.Single(progress.GuardLines);
        Assert.Contains("loss term 'sdl(Left.embed)' became NaN at epoch 2, step 2 (the update was not applied); restored the weights and optimiser state of epoch 1", line);
        AssertSameValues(progress.AtEpochEnd[0], Assert.Single(progress.AtRecovery));
        Assert.Equal(3, result.History.Count);
        Assert.All(TrainingFixtures.StateValues(model).Values.SelectMany(v => v), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void LowerRate_SurvivesAResume()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            var data = new PoisonedSource(TrainingFixtures.CorrelatedViews(Samples, seed: 73), poisonedEpoch: 3, step: 2, everyTime: false);
            new Trainer(Options(epochs: 5, checkpoints: directory)).Fit(NewEyModel(74), data);
            var resumed = new Trainer(Options(epochs: 7, checkpoints: directory) with { Resume = true }).Fit(NewEyModel(74), data);
            Assert.Equal([5e-3, 5e-3, 5e-3, 2.5e-3, 2.5e-3, 2.5e-3, 2.5e-3], resumed.History.Select(h => h.LearningRate));
            Assert.Equal(1, TrainingCheckpoint.ReadState(Path.Combine(directory, Trainer.LastCheckpointName)).DivergenceRecoveries);
        }
        finally { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void RestoreBest_WithoutACheckpointFolder_PutsBackTheBestEpochFromMemory()
    {
        var data = TrainingFixtures.CorrelatedViews(320, seed: 81);
        var split = DatasetSplit.Random(data, 0.2, 0.0, seed: 82);
        var model = TrainingFixtures.NewModel(83);
        var progress = new Recorder(() => TrainingFixtures.StateValues(model));
        var trainer = new Trainer(TrainingFixtures.Options(null, epochs: 5) with { DivergenceGuard = null }, progress);
        // The last epoch trains at a rate of 0.3: its weights end worse on validation than the best epoch's.
        trainer.BeforeOptimizerStep = (optimizer, globalStep) => { if (globalStep == 4 * 8) OptimizerFactory.SetLearningRate(optimizer, 0.3); };

        var result = trainer.Fit(model, split.Train, split.Validation);

        Assert.True(result.BestEpoch < 4, $"the premise: the last epoch is not the best (best {result.BestEpoch + 1})");
        Assert.Equal(result.BestEpoch, result.WeightsEpoch);
        Assert.Null(result.BestCheckpoint);
        Assert.Contains(progress.Messages, m => m == $"restored the weights of epoch {result.BestEpoch + 1}, the best on validation ({result.BestScore:F3}), from memory");
        AssertSameValues(progress.AtEpochEnd[result.BestEpoch], TrainingFixtures.StateValues(model));
    }

    [Fact]
    public void LossCheck_JudgesTheRiseAgainstTheWindowsMedianAndSpread()
    {
        var guard = new DivergenceGuard(new DivergenceGuardOptions { LossWindow = 10, LossJump = 5 });
        static Dictionary<string, double> Total(double value) => new() { ["total"] = value };
        // Until the window is full nothing but non-finite values is judged.
        Assert.Null(guard.CheckStep(Total(1e9)));
        Assert.Equal("loss term 'total' became +infinity", guard.CheckStep(Total(double.PositiveInfinity)));
        for (int i = 0; i < 10; i++) Assert.Null(guard.CheckStep(Total(-40 + (i % 3))));
        // Median −39: a dip to −8 rises 0.8 scales (a noisy batch), +200 rises 6.1 (a blow-up).
        Assert.Null(guard.CheckStep(Total(-8)));
        Assert.Equal(31.0 / 39, guard.LargestLossRise, 12);
        Assert.StartsWith("the training loss jumped to 200, 6.1 times the scale of the last 10 steps above their median -39", guard.CheckStep(Total(200)));
        Assert.Equal("loss term 'distance' became NaN", guard.CheckStep(new Dictionary<string, double> { ["distance"] = double.NaN, ["total"] = double.NaN }));
    }

    [Fact]
    public void ScoreCheck_FiresOnACollapse_NotOnNoise_NorOnAScoreThatWasNeverFinite()
    {
        var guard = new DivergenceGuard(new DivergenceGuardOptions { ScoreDrop = 0.25, ScoreWindow = 3 });
        static List<EpochMetrics> History(params double[] scores) => scores.Select((s, i) => new EpochMetrics { Epoch = i, ValidationScore = s }).ToList();
        Assert.Null(guard.CheckScore(double.NaN, "score", History()));
        Assert.Null(guard.CheckScore(5, "score", History()));
        Assert.Null(guard.CheckScore(36.9, "score", History(41.6, 42.0, 41.9)));
        Assert.Equal("the score fell to 5.000, 88 % below 42.000, the best of the last 3 epoch(s) (threshold 25 %)", guard.CheckScore(5, "score", History(41.6, 42.0, 41.9)));
        // Only the last ScoreWindow epochs count: a best four epochs back does not.
        Assert.Null(guard.CheckScore(31, "score", History(42, 40, 40, 40)));
        Assert.Equal("the score became NaN", guard.CheckScore(double.NaN, "score", History(1)));
        // A fall is judged once the window is full, and must stand out from the epoch-to-epoch noise:
        // 0.39 after 0.52, 0.45, 0.50 (changes of 0.07 and 0.05) is noise on a small score, 0.1 is not.
        Assert.Null(guard.CheckScore(5, "score", History(41.6, 42.0)));
        Assert.Null(guard.CheckScore(0.39, "score", History(0.52, 0.45, 0.50)));
        Assert.StartsWith("the score fell to 0.100", guard.CheckScore(0.1, "score", History(0.52, 0.45, 0.50)));
    }

    [Fact]
    public void BatchOrder_IsTheRunsOwnUntilARecovery_ThenFreshAndRepeatablePerRecovery()
    {
        Assert.Equal(17, DivergenceGuard.OrderSeed(17, 0));
        var seeds = Enumerable.Range(0, 4).Select(r => DivergenceGuard.OrderSeed(17, r)).ToList();
        Assert.Equal(4, seeds.Distinct().Count());
        Assert.Equal(seeds, Enumerable.Range(0, 4).Select(r => DivergenceGuard.OrderSeed(17, r)));
    }

    [Fact]
    public void GuardOptions_OutOfRange_AreNamed()
    {
        var error = Assert.Throws<TrainingSetupException>(() => new Trainer(TrainingFixtures.Options(null, 1) with
        {
            DivergenceGuard = new DivergenceGuardOptions { MaxRecoveries = -1, LearningRateFactor = 1, LossJump = double.NaN, LossWindow = 1, ScoreDrop = 0, ScoreWindow = 0 },
        }));
        Assert.Contains("DivergenceGuard.MaxRecoveries must be at least 0; it is -1.", error.Message);
        Assert.Contains("DivergenceGuard.LearningRateFactor must lie in (0, 1); it is 1.", error.Message);
        Assert.Contains("DivergenceGuard.LossJump must be a finite number > 0; it is NaN.", error.Message);
        Assert.Contains("DivergenceGuard.LossWindow must be at least 2; it is 1.", error.Message);
        Assert.Contains("DivergenceGuard.ScoreDrop must lie in (0, 1); it is 0.", error.Message);
        Assert.Contains("DivergenceGuard.ScoreWindow must be at least 1; it is 0.", error.Message);
        Assert.NotNull(new TrainerOptions().DivergenceGuard); // on by default
    }
}
