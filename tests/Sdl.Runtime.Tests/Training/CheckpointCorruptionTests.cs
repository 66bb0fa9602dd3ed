using Sdl.Runtime.Training;

namespace Sdl.Runtime.Tests.Training;

/// <summary>A truncated or damaged checkpoint is named as such; one of another architecture keeps its own message.</summary>
[Collection(TrainingCollection.Name)]
public class CheckpointCorruptionTests : IDisposable
{
    readonly string directory = TrainingFixtures.TemporaryDirectory();
    readonly string path;
    readonly byte[] original;

    public CheckpointCorruptionTests()
    {
        var options = TrainingFixtures.Options(directory, epochs: 1);
        new Trainer(options).Fit(TrainingFixtures.NewModel(81), TrainingFixtures.CorrelatedViews(96, seed: 82));
        path = Path.Combine(directory, Trainer.LastCheckpointName);
        original = File.ReadAllBytes(path);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    static CheckpointException LoadFails(string path) =>
        Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path, TrainingFixtures.NewModel(83), optimizer: null));

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void TruncatedCheckpoint_IsReportedAsTruncated(double keptFraction)
    {
        File.WriteAllBytes(path, original[..(int)(original.Length * keptFraction)]);
        var error = LoadFails(path);
        Assert.StartsWith("truncated: its header promises", error.Problem);
        Assert.DoesNotContain("renamed or resized", error.Message);
        Assert.Equal("truncated: its header promises", Assert.Throws<CheckpointException>(() => TrainingCheckpoint.ReadState(path)).Problem[..30]);
    }

    [Fact]
    public void CheckpointCutInsideItsHeader_IsReportedAsTruncated()
    {
        File.WriteAllBytes(path, original[..30]);
        Assert.Equal("truncated: the file ends inside its header.", LoadFails(path).Problem);
        File.WriteAllBytes(path, []);
        Assert.StartsWith("the file is empty", LoadFails(path).Problem);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.8)]
    public void FlippedByte_IsReportedAsDamaged(double position)
    {
        var damaged = original.ToArray();
        damaged[(int)(damaged.Length * position)] ^= 0x10;
        File.WriteAllBytes(path, damaged);
        var error = LoadFails(path);
        Assert.StartsWith("damaged: its content does not match the SHA-256 checksum", error.Problem);
    }

    [Fact]
    public void ExtraBytes_AreReportedAsDamage()
    {
        File.WriteAllBytes(path, [.. original, 1, 2, 3]);
        Assert.StartsWith("damaged: 3 unexpected bytes follow", LoadFails(path).Problem);
    }

    [Fact]
    public void ResumeFromADamagedCheckpoint_IsRefusedAsCorruption_BeforeAnyStep()
    {
        var damaged = original.ToArray();
        damaged[original.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, damaged);
        var model = TrainingFixtures.NewModel(84);
        var before = TrainingFixtures.StateValues(model);

        var error = Assert.Throws<CheckpointException>(() =>
            new Trainer(TrainingFixtures.Options(directory, epochs: 2) with { Resume = true }).Fit(model, TrainingFixtures.CorrelatedViews(96, seed: 82)));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("damaged", error.Message);
        Assert.Equal(before, TrainingFixtures.StateValues(model));
        Assert.Equal(damaged, File.ReadAllBytes(path));
    }

    [Fact]
    public void WholeCheckpointOfAnotherArchitecture_KeepsItsPreciseMessage()
    {
        var other = new TinyTwoViewModel(6, 5, embedding: 3);
        var error = Assert.Throws<CheckpointException>(() => TrainingCheckpoint.Load(path, other, optimizer: null));
        Assert.Contains("its weights do not fit model 'TinyTwoViewModel' as built now", error.Message);
        Assert.Contains("Was a layer renamed or resized?", error.Message);
        Assert.DoesNotContain("damaged", error.Message);
    }

    [Fact]
    public void NotACheckpoint_IsSaidSo()
    {
        File.WriteAllText(path, "{\"this is\": \"JSON, not a checkpoint\"}");
        Assert.Equal("not an Sdl.Dsl checkpoint (bad magic).", LoadFails(path).Problem);
    }
}
