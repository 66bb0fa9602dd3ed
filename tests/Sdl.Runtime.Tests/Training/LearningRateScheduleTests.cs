using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// The warm-up and the schedules against their closed forms, step by step, on fresh random base rates and epoch
/// lengths; then the trainer, which must take every step at the rate the formula gives.
/// </summary>
[Collection(TrainingCollection.Name)]
public class LearningRateScheduleTests
{
    static (TrainerOptions Options, int Steps) RandomRun(LearningRateSchedule schedule, double warmup, int epochs, int seed)
    {
        var random = new Random(seed);
        double rate = Math.Pow(10, -4 + 3 * random.NextDouble());
        return (new TrainerOptions { LearningRate = rate, Epochs = epochs, Schedule = schedule, WarmupEpochs = warmup, StepDecayEpochs = 2 }, random.Next(3, 40));
    }

    [Theory]
    [InlineData(LearningRateSchedule.Constant, 1.0)]
    [InlineData(LearningRateSchedule.Cosine, 2.0)]
    [InlineData(LearningRateSchedule.StepDecay, 0.5)]
    public void Warmup_RisesLinearlyStepByStep_ToTheBaseRate(LearningRateSchedule schedule, double warmup)
    {
        var (options, steps) = RandomRun(schedule, warmup, epochs: 6, seed: Random.Shared.Next());
        int warmupSteps = (int)Math.Ceiling(warmup * steps);
        for (int t = 0; t < warmupSteps; t++)
        {
            double expected = options.LearningRate * Math.Min(1, (t + 1) / (warmup * steps));
            Assert.Equal(expected, OptimizerFactory.LearningRate(options, t / steps, t % steps, steps), 12);
        }
        // The first step after the warm-up runs at the base rate under every schedule (a cosine starts its decay there).
        Assert.Equal(options.LearningRate, OptimizerFactory.LearningRate(options, warmupSteps / steps, warmupSteps % steps, steps), 12);
    }

    [Fact]
    public void Cosine_DecaysEveryStep_FromTheBaseRateTowardsZero_OverTheEpochsAfterTheWarmup()
    {
        int seed = Random.Shared.Next();
        foreach (double warmup in new[] { 0.0, 1.5 })
        {
            var (options, steps) = RandomRun(LearningRateSchedule.Cosine, warmup, epochs: 5, seed);
            double previous = double.PositiveInfinity;
            int first = (int)Math.Ceiling(warmup * steps);
            for (int t = first; t < options.Epochs * steps; t++)
            {
                double done = (double)t / steps;
                double expected = options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (done - warmup) / (options.Epochs - warmup)));
                double rate = OptimizerFactory.LearningRate(options, t / steps, t % steps, steps);
                Assert.Equal(expected, rate, 12);
                Assert.True(rate < previous, $"seed {seed}, warm-up {warmup}: the rate must fall at step {t} ({rate} after {previous})");
                previous = rate;
            }
            // The last step runs at a small, positive rate: the decay reaches 0 only after the run.
            Assert.InRange(previous, 1e-12, options.LearningRate * 0.5 * (1 - Math.Cos(Math.PI / ((options.Epochs - warmup) * steps))) + 1e-15);
        }
    }

    [Fact]
    public void StepDecay_HalvesAtEpochBoundariesOnly()
    {
        var (options, steps) = RandomRun(LearningRateSchedule.StepDecay, 0, epochs: 7, seed: Random.Shared.Next());
        for (int epoch = 0; epoch < options.Epochs; epoch++)
            for (int step = 0; step < steps; step++)
                Assert.Equal(options.LearningRate * Math.Pow(0.5, epoch / 2), OptimizerFactory.LearningRate(options, epoch, step, steps), 12);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(3.0)]
    [InlineData(double.PositiveInfinity)]
    public void AWarmupOutsideTheRun_IsRefused_BeforeAnyWork(double warmup)
    {
        var error = Assert.Throws<TrainingSetupException>(() => new Trainer(TrainingFixtures.Options(null, epochs: 3) with { WarmupEpochs = warmup }));
        Assert.Contains("WarmupEpochs must be ≥ 0 and below Epochs (3)", error.Message);
    }

    sealed class RateRecorder : TrainingProgress
    {
        public List<StepProgress> Steps { get; } = [];
        public override void StepCompleted(StepProgress step) => Steps.Add(step);
    }

    [Fact]
    public void Trainer_TakesEveryStepAtTheScheduledRate_AndLogsEachEpochsFirst()
    {
        var data = TrainingFixtures.CorrelatedViews(320, seed: 3);
        var split = DatasetSplit.Random(data, 0.2, 0.0, seed: 4);
        var options = TrainingFixtures.Options(null, epochs: 3) with { Schedule = LearningRateSchedule.Cosine, WarmupEpochs = 1.5 };
        var recorder = new RateRecorder();

        var result = new Trainer(options, recorder).Fit(TrainingFixtures.NewModel(6), split.Train, split.Validation);

        int steps = recorder.Steps[0].StepsPerEpoch;
        Assert.Equal(options.Epochs * steps, recorder.Steps.Count);
        foreach (var step in recorder.Steps)
            Assert.Equal(OptimizerFactory.LearningRate(options, step.Epoch, step.Step, steps), step.LearningRate, 12);
        // It rises through the warm-up and falls after it.
        Assert.True(recorder.Steps[1].LearningRate > recorder.Steps[0].LearningRate);
        Assert.True(recorder.Steps[^1].LearningRate < recorder.Steps[^2].LearningRate);
        for (int epoch = 0; epoch < options.Epochs; epoch++)
            Assert.Equal(recorder.Steps[epoch * steps].LearningRate, result.History[epoch].LearningRate, 12);
    }
}
