using Sdl.Export.PyTorch;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Models;
using Sdl.Runtime.Tests.Python;
using Xunit.Abstractions;

namespace Sdl.Export.Tests;

/// <summary>
/// train.py under torchrun (gloo, CPU, 127.0.0.1): two ranks with half the rows each train the
/// same weights as one process with the whole batch, because every batch statistic is summed over ranks.
/// </summary>
public class TorchrunTests(ITestOutputHelper output)
{
    [PythonFact("numpy", "torch")]
    public void TwoRanks_WithHalfTheRowsEach_TrainTheSameWeightsAsOneProcess_OverFiveAdamSteps()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-ddp-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            // SDL with its running average (α = 0.9), DeCov, the agreement and a batch-norm layer inside an encoder (PackageFaeNorm says why FAE).
            using var model = new PackageFaeNorm(new ModelOptions { Alpha = 0.9 });
            OnnxParity.Randomise(model, seed: 4);
            var package = Path.Combine(root, "package");
            var train = PyTorchProject.Write(model, package);
            var data = Path.Combine(root, "data");
            TrainingRun.WriteData(model, data, rows: 96, seed: 8);
            string[] common = ["--data", data, "--epochs", "1", "--batch-size", "16", "--max-steps", "5", "--lr", "0.01", "--seed", "3", "--checkpoint-every", "0"];

            var python = PythonInterpreter.Find("numpy", "torch")!;
            var single = TrainingRun.Run(python, [train, .. common, "--out", Path.Combine(root, "one")], root);
            Assert.True(single.Exit == 0, $"one process: exit {single.Exit}\n{single.Error}\n{single.Output}");
            var ranks = TrainingRun.Run(python, TrainingRun.Torchrun(2, TrainingRun.FreePort(), train, [.. common, "--out", Path.Combine(root, "two")]), root);
            Assert.True(ranks.Exit == 0, $"torchrun, 2 ranks: exit {ranks.Exit}\n{ranks.Error}\n{ranks.Output}");
            output.WriteLine(single.Output);
            output.WriteLine(ranks.Output);

            using var one = new PackageFaeNorm(new ModelOptions { Alpha = 0.9 });
            using var two = new PackageFaeNorm(new ModelOptions { Alpha = 0.9 });
            PyTorchExport.LoadSafetensors(one, Path.Combine(root, "one", "model.safetensors"));
            PyTorchExport.LoadSafetensors(two, Path.Combine(root, "two", "model.safetensors"));
            var start = model.state_dict();
            var expected = one.state_dict();
            var actual = two.state_dict();
            double moved = 0;
            foreach (var (key, value) in expected)
            {
                double difference = (value.to_type(TorchSharp.torch.ScalarType.Float64) - actual[key].to_type(TorchSharp.torch.ScalarType.Float64)).abs().max().item<double>();
                moved = Math.Max(moved, (value.to_type(TorchSharp.torch.ScalarType.Float64) - start[key].to_type(TorchSharp.torch.ScalarType.Float64)).abs().max().item<double>());
                double scale = Math.Max(1, value.abs().max().to_type(TorchSharp.torch.ScalarType.Float64).item<double>());
                output.WriteLine($"{key}: max |1 process − 2 ranks| = {difference:E2}");
                Assert.True(difference <= 1e-5 * scale, $"{key}: one process and two ranks differ by {difference:E2} after 5 steps");
            }
            // The five steps moved the weights (the comparison is not of two untouched copies).
            Assert.True(moved > 1e-3, $"training moved no weight by more than {moved:E2}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
