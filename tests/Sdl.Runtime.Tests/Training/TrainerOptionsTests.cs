using Sdl.Runtime.Training;

namespace Sdl.Runtime.Tests.Training;

/// <summary>Every option is checked when the trainer is made, before any work, and named in the message.</summary>
public class TrainerOptionsTests
{
    static TrainerOptions Valid => TrainingFixtures.Options(null, epochs: 1);

    public static TheoryData<string, double> BadLearningRates => new()
    {
        { "NaN", double.NaN },
        { "+infinity", double.PositiveInfinity },
        { "beyond float32", 1e300 },
        { "zero in float32", 1e-50 },
        { "zero", 0 },
        { "negative", -1e-3 },
    };

    [Theory]
    [MemberData(nameof(BadLearningRates))]
    public void LearningRate_MustBeFinitePositiveAndWithinFloatRange(string _, double rate)
    {
        var error = Assert.Throws<TrainingSetupException>(() => new Trainer(Valid with { LearningRate = rate }));
        Assert.StartsWith("Trainer option out of range: LearningRate must be a finite number > 0 that float32 can hold", error.Message);
    }

    [Fact]
    public void UsableLearningRates_AreAccepted()
    {
        foreach (var rate in new[] { 1e-3, 1e-30, 10.0 }) _ = new Trainer(Valid with { LearningRate = rate });
    }

    [Fact]
    public void EveryProblem_IsListed_WithTheOptionName()
    {
        var error = Assert.Throws<TrainingSetupException>(() => new Trainer(Valid with { Epochs = 0, Patience = 0, Resume = true, StartOver = true, CheckpointDirectory = "runs/x", GradientClipNorm = double.NaN }));
        Assert.Contains("Epochs must be at least 1; it is 0.", error.Message);
        Assert.Contains("Patience must be at least 1 (or null: never stop early); it is 0.", error.Message);
        Assert.Contains("Resume and StartOver exclude each other", error.Message);
        Assert.Contains("GradientClipNorm must be a finite number > 0", error.Message);
    }

    [Fact]
    public void EmptyPaths_AreNamedByTheirOption()
    {
        var error = Assert.Throws<TrainingSetupException>(() => new Trainer(Valid with { CheckpointDirectory = " " }));
        Assert.Contains("CheckpointDirectory is empty", error.Message);
        Assert.Contains("Resume needs a CheckpointDirectory", Assert.Throws<TrainingSetupException>(() => new Trainer(Valid with { Resume = true })).Message);
    }
}
