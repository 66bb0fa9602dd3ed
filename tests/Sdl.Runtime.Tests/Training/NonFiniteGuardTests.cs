using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public class NonFiniteGuardTests
{
    /// <summary>With the divergence guard off, a NaN stops the run at once (with it on, see <see cref="DivergenceGuardTests"/>).</summary>
    [Fact]
    public void InjectedNaN_WithoutTheGuard_StopsTraining_NamingTermAndStep_AndKeepsTheLastGoodCheckpoint()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            var data = TrainingFixtures.CorrelatedViews(128, seed: 61); // 4 steps of 32 per epoch
            var model = TrainingFixtures.NewModel(62);
            model.PoisonSdlAtTrainingStep = 6; // epoch 2, step 2
            var trainer = new Trainer(TrainingFixtures.Options(directory, epochs: 3) with { DivergenceGuard = null });
            var checkpoint = Path.Combine(directory, Trainer.LastCheckpointName);

            var error = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(model, data));

            Assert.Equal("sdl(Left.embed)", error.Term);
            Assert.True(double.IsNaN(error.Value));
            Assert.Equal(1, error.Epoch);
            Assert.Equal(1, error.Step);
            Assert.Equal(5, error.GlobalStep);
            Assert.Equal(checkpoint, error.LastGoodCheckpoint);
            Assert.Contains("Loss term 'sdl(Left.embed)' became NaN at epoch 2, step 2", error.Message);
            Assert.Contains(checkpoint, error.Message);

            // The poisoned update was never applied, and the checkpoint of epoch 1 is whole and loadable.
            Assert.All(TrainingFixtures.StateValues(model).Values.SelectMany(v => v), v => Assert.True(float.IsFinite(v)));
            var restored = TrainingFixtures.NewModel(63);
            var state = TrainingCheckpoint.Load(checkpoint, restored, optimizer: null);
            Assert.Equal(1, state.CompletedEpochs);
            Assert.Equal(4, state.GlobalStep);
        }
        finally { Directory.Delete(directory, recursive: true); }
    }
}
