using System.Text.Json;
using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using Sdl.Runtime.Training.Progress;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

[Collection(TrainingCollection.Name)]
public class TrainerTests
{
    [Fact]
    public void Fit_LearnsTheSharedLatent_AndLogsEveryEpoch()
    {
        var directory = TrainingFixtures.TemporaryDirectory();
        try
        {
            var data = TrainingFixtures.CorrelatedViews(640, seed: 1);
            var split = DatasetSplit.Random(data, 0.2, 0.0, seed: 2);
            var model = TrainingFixtures.NewModel(3);

            var result = new Trainer(TrainingFixtures.Options(directory, epochs: 6)).Fit(model, split.Train, split.Validation);

            Assert.Equal(6, result.History.Count);
            Assert.All(result.History, m => Assert.Contains("sdl(Left.embed)", m.TrainLoss.Keys));
            Assert.True(result.History[^1].TrainLoss["total"] < result.History[0].TrainLoss["total"],
                $"training loss should fall: {result.History[0].TrainLoss["total"]} → {result.History[^1].TrainLoss["total"]}");
            // Three shared latents: a trained 4-d embedding should carry well over 1 unit of the 3 possible.
            Assert.True(result.BestScore > 1.5, $"validation total correlation {result.BestScore}");
            Assert.Contains("validation total correlation (top 4)", result.History[0].ValidationScoreName);

            var lines = File.ReadAllLines(result.MetricsLog!);
            Assert.Equal(6, lines.Length);
            using var last = JsonDocument.Parse(lines[^1]);
            Assert.Equal(5, last.RootElement.GetProperty("epoch").GetInt32());
            Assert.True(last.RootElement.GetProperty("trainLoss").GetProperty("distance").GetDouble() > 0);
            Assert.True(File.Exists(result.LastCheckpoint));
            Assert.True(File.Exists(result.BestCheckpoint));
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    [Fact]
    public void DimensionMismatch_IsReportedInWords_BeforeAnyStep()
    {
        var data = TrainingFixtures.CorrelatedViews(64, seed: 4);
        var widened = new MultiViewDataset([new ViewData("left", new float[64 * 7], 7), data.Views[1]], data.Labels, "widened data");
        var model = TrainingFixtures.NewModel(5);
        var before = TrainingFixtures.StateValues(model);

        var error = Assert.Throws<DataShapeException>(() => new Trainer(TrainingFixtures.Options(null, 1)).Fit(model, widened));

        Assert.Contains("view 'Left' takes 6 input features per sample (shape [6]), but view 1 of the training data ('left') has 7", error.Message);
        Assert.Equal(before, TrainingFixtures.StateValues(model));
    }

    [Fact]
    public void WrongNumberOfViews_IsReportedInWords()
    {
        var data = TrainingFixtures.CorrelatedViews(64, seed: 4);
        var oneView = new MultiViewDataset([data.Views[0]], data.Labels, "one view");
        var error = Assert.Throws<DataShapeException>(() => new Trainer(TrainingFixtures.Options(null, 1)).Fit(TrainingFixtures.NewModel(5), oneView));
        Assert.Contains("the model has 2 view(s) (Left, Right) but the training data has 1 (left)", error.Message);
    }

    [Fact]
    public void EarlyStopping_StopsWhenTheValidationScoreStopsImproving()
    {
        var data = TrainingFixtures.CorrelatedViews(320, seed: 6);
        var split = DatasetSplit.Random(data, 0.25, 0.0, seed: 7);
        // A vanishing learning rate freezes the model, so the score cannot improve after epoch 1.
        var options = TrainingFixtures.Options(null, epochs: 10) with { LearningRate = 1e-12, Patience = 2 };

        var result = new Trainer(options).Fit(TrainingFixtures.NewModel(8), split.Train, split.Validation);

        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.History.Count);
        Assert.Equal(0, result.BestEpoch);
    }

    sealed class LiveTensorProbe : TrainingProgress
    {
        public List<long> LiveAfterStep { get; } = [];
        public override void StepCompleted(StepProgress step)
        {
            if (step.Epoch == 0) LiveAfterStep.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }

    [Fact]
    public void LiveTensorCount_DoesNotGrowFromStepToStep()
    {
        var data = TrainingFixtures.CorrelatedViews(320, seed: 9);
        var probe = new LiveTensorProbe();

        new Trainer(TrainingFixtures.Options(null, epochs: 1), probe).Fit(TrainingFixtures.NewModel(10), data);

        Assert.Equal(10, probe.LiveAfterStep.Count);
        // Step 1 creates Adam's moments; from then on every step must free what it made.
        Assert.All(probe.LiveAfterStep.Skip(1), count => Assert.Equal(probe.LiveAfterStep[1], count));
    }

    [Fact]
    public void PlainProgress_PrintsEpochLinesWithLossTermsAndThroughput()
    {
        var data = TrainingFixtures.CorrelatedViews(256, seed: 11);
        var split = DatasetSplit.Random(data, 0.25, 0.0, seed: 12);
        var output = new StringWriter();

        new Trainer(TrainingFixtures.Options(null, epochs: 2) with { RunName = "tiny" }, new PlainTrainingProgress(output)).Fit(TrainingFixtures.NewModel(13), split.Train, split.Validation);

        var text = output.ToString();
        Assert.Contains("[tiny] epoch 2/2  train total", text);
        Assert.Contains("sdl(Right.embed)", text);
        Assert.Contains("samples/s", text);
        Assert.Contains("ETA", text);
        Assert.Contains("validation total correlation (top 4)", text);
    }
}
