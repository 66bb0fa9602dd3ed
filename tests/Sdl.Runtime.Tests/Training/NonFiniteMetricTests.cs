using Sdl.Runtime.Data;
using Sdl.Runtime.Training;

namespace Sdl.Runtime.Tests.Training;

/// <summary>A validation score that cannot be computed is a failure, never an improvement.</summary>
[Collection(TrainingCollection.Name)]
public class NonFiniteMetricTests
{
    [Fact]
    public void ConstantInput_FailsTheRun_AndNeverWritesABestCheckpoint()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            // Every sample identical: the embeddings have no variance, so no canonical correlation exists.
            var constant = new MultiViewDataset([new ViewData("left", Enumerable.Repeat(0.5f, 96 * 6).ToArray(), 6), new ViewData("right", Enumerable.Repeat(-1f, 96 * 5).ToArray(), 5)],
                                                labels: null, "constant views");
            var split = DatasetSplit.Random(constant, 0.25, 0.0, seed: 101);

            var error = Assert.Throws<NonFiniteMetricException>(() =>
                new Trainer(TrainingFixtures.Options(directory, epochs: 2)).Fit(TrainingFixtures.NewModel(102), split.Train, split.Validation));

            Assert.Equal(0, error.Epoch);
            Assert.StartsWith("The validation total correlation (top 4) came out NaN after epoch 1", error.Message);
            Assert.False(File.Exists(Path.Combine(directory, Trainer.BestCheckpointName)));
            Assert.False(File.Exists(Path.Combine(directory, Trainer.LastCheckpointName)));
        }
        finally { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
    }
}
