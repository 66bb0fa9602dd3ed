using Sdl.Export.PyTorch;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Metrics;
using Sdl.Runtime.Tests.Python;
using Sdl.Runtime.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

/// <summary>
/// The way back: weights trained by train.py under torchrun load into the C# model (strict keys,
/// SDL history included), C# evaluates them with its own metric, exports them to ONNX, and Sdl.Runtime's Trainer continues from them.
/// </summary>
public class WayBackTests(ITestOutputHelper output)
{
    [PythonFact("numpy", "torch")]
    public void WeightsTrainedUnderTorchrun_LoadIntoTheCSharpModel_EvaluateExportToOnnxAndTrainOnInCSharp()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-back-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            using var model = new PackageDccaEy(new ModelOptions { Alpha = 0.5 });
            var train = PyTorchProject.Write(model, Path.Combine(root, "package"), new PyTorchTrainingSettings(Epochs: 4, BatchSize: 32, LearningRate: 0.01, Seed: 1));
            // One draw split in two, so train and test share the views' common factor.
            var all = Path.Combine(root, "all");
            TrainingRun.WriteData(model, all, rows: 288, seed: 21);
            var data = Path.Combine(root, "data");
            Directory.CreateDirectory(data);
            var views = model.Info.Views.Select(v => NpyReader.Read(Path.Combine(all, v.Name + ".npy"))).ToList();
            for (int v = 0; v < views.Count; v++)
                NpyWriter.Write(Path.Combine(data, model.Info.Views[v].Name + ".npy"), views[v].Values.AsSpan(0, 192 * (int)views[v].Shape[1]), 192, views[v].Shape[1]);
            MultiViewDataset Rows(int start, int count) => new(
                model.Info.Views.Select((v, i) => new ViewData(v.Name, views[i].Values.AsSpan(start * (int)views[i].Shape[1], count * (int)views[i].Shape[1]).ToArray(), (int)views[i].Shape[1])).ToList(), null, "rows");
            var trainSet = Rows(0, 192);
            var testSet = Rows(192, 96);

            var python = PythonInterpreter.Find("numpy", "torch")!;
            var run = TrainingRun.Run(python, TrainingRun.Torchrun(2, TrainingRun.FreePort(), train, ["--data", data, "--out", Path.Combine(root, "out")]), root);
            Assert.True(run.Exit == 0, $"torchrun: exit {run.Exit}\n{run.Error}\n{run.Output}");
            output.WriteLine(run.Output);

            double before = TestCorrelation(model, trainSet, testSet);
            using var trained = new PackageDccaEy(new ModelOptions { Alpha = 0.5 });
            PyTorchExport.LoadSafetensors(trained, Path.Combine(root, "out", "model.safetensors"));
            // SDL's history came back with the weights: 4 epochs of 6 steps at α = 0.5 leave c = Σ α^i, just under 2.
            var count = trained.state_dict()["sdl_Left_embed.count"].item<float>();
            Assert.True(count > 1.9 && count <= 2, $"the SDL count came back as {count}");
            double after = TestCorrelation(trained, trainSet, testSet);
            output.WriteLine($"test correlation (top 2, C# CorrelationEvaluation): initial {before:F4}, after torchrun {after:F4}");
            Assert.True(after > before + 0.05, $"torchrun training did not raise the test correlation ({before:F4} → {after:F4})");

            // ...and export to ONNX like any C#-trained model; ONNX Runtime reproduces its embeddings.
            var onnx = Sdl.Export.Onnx.OnnxExport.ExportEncoders(trained, Path.Combine(root, "onnx"));
            for (int view = 0; view < onnx.Count; view++)
            {
                var (difference, magnitude) = OnnxParity.MaxDifference(trained, view, onnx[view], batch: 9, seed: 3);
                Assert.True(difference <= 1e-5 * Math.Max(1, magnitude), $"ONNX of the torchrun-trained view {view} differs by {difference:E2}");
            }

            // Sdl.Runtime's Trainer continues from the loaded weights.
            var weight = trained.state_dict()["Left.embed.weight"].clone();
            var result = new Trainer(new TrainerOptions { Epochs = 1, BatchSize = 32, Seed = 2, Progress = ProgressMode.Silent, RestoreBest = false }).Fit(trained, trainSet);
            Assert.Single(result.History);
            Assert.False(trained.state_dict()["Left.embed.weight"].allclose(weight), "the C# trainer did not move the loaded weights");
            Assert.True(TestCorrelation(trained, trainSet, testSet) > before, "C# training from the torchrun weights fell below the untrained model");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    static double TestCorrelation(MultiViewModule model, MultiViewDataset train, MultiViewDataset test)
    {
        using var scope = NewDisposeScope();
        var fit = ModelEmbeddings.Compute(model, train, 64, CPU);
        var held = ModelEmbeddings.Compute(model, test, 64, CPU);
        return CorrelationEvaluation.Evaluate(fit[0], fit[1], held[0], held[1], topK: 2).Total;
    }
}
