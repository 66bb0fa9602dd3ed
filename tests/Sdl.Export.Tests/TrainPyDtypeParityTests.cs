using Sdl.Export.PyTorch;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Models;
using Sdl.Runtime.Tests.Python;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

/// <summary>
/// train.py --dtype float64 trains the same model as the float32 default (same weights, data and
/// batch order for five Adam steps, so the two agree to float32 rounding), and its float64 weights
/// load back into the C# model.
/// </summary>
public class TrainPyDtypeParityTests(ITestOutputHelper output)
{
    [PythonFact("numpy", "torch")]
    public void TrainPy_InFloat64_TrainsWhatFloat32Trains_AndItsWeightsLoadIntoTheCSharpModel()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-f64-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            using var model = new PackageFaeNorm(new ModelOptions { Alpha = 0.9 });
            OnnxParity.Randomise(model, seed: 5);
            var train = PyTorchProject.Write(model, Path.Combine(root, "package"));
            var data = Path.Combine(root, "data");
            TrainingRun.WriteData(model, data, rows: 64, seed: 9);
            string[] common = ["--data", data, "--epochs", "1", "--batch-size", "16", "--max-steps", "5", "--lr", "0.01", "--seed", "3", "--checkpoint-every", "0"];

            var python = PythonInterpreter.Find("numpy", "torch")!;
            var single = TrainingRun.Run(python, [train, .. common, "--out", Path.Combine(root, "f32")], root);
            Assert.True(single.Exit == 0, $"float32: exit {single.Exit}\n{single.Error}\n{single.Output}");
            var @double = TrainingRun.Run(python, [train, .. common, "--dtype", "float64", "--out", Path.Combine(root, "f64")], root);
            Assert.True(@double.Exit == 0, $"float64: exit {@double.Exit}\n{@double.Error}\n{@double.Output}");

            // The float64 run writes float64 weights (its precision is kept, not rounded away on the way out).
            var header = File.ReadAllText(Path.Combine(root, "f64", "model.safetensors"))[..200];
            Assert.Contains("\"F64\"", header, StringComparison.Ordinal);

            using var f32 = new PackageFaeNorm(new ModelOptions { Alpha = 0.9 });
            using var f64 = new PackageFaeNorm(new ModelOptions { Alpha = 0.9 });
            PyTorchExport.LoadSafetensors(f32, Path.Combine(root, "f32", "model.safetensors"));
            PyTorchExport.LoadSafetensors(f64, Path.Combine(root, "f64", "model.safetensors"));
            var start = model.state_dict();
            var actual = f64.state_dict();
            double moved = 0;
            foreach (var (key, value) in f32.state_dict())
            {
                using var expected = value.to_type(ScalarType.Float64);
                double difference = (expected - actual[key].to_type(ScalarType.Float64)).abs().max().item<double>();
                moved = Math.Max(moved, (expected - start[key].to_type(ScalarType.Float64)).abs().max().item<double>());
                double scale = Math.Max(1, expected.abs().max().item<double>());
                output.WriteLine($"{key}: max |float32 − float64| = {difference:E2}");
                Assert.True(difference <= 1e-4 * scale, $"{key}: the float32 and float64 runs differ by {difference:E2} after 5 steps");
            }
            Assert.True(moved > 1e-3, $"training moved no weight by more than {moved:E2}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
