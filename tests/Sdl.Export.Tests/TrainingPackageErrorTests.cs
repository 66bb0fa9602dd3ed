using Sdl.Export.PyTorch.Training;
using Sdl.Export.Tests.Unexportable;
using Sdl.Runtime.Tests.Python;

namespace Sdl.Export.Tests;

/// <summary>Each way a training package can fail says so in one line: the C# export, and train.py on data that does not fit.</summary>
public class TrainingPackageErrorTests
{
    [Fact]
    public void AnEncoderModuleWithNoPyTorchCounterpart_IsNamed_AndNothingIsWritten()
    {
        using var model = new WithScaledMlp();
        var directory = Path.Combine(Path.GetTempPath(), "sdl-pkg-err-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<EncoderExportException>(() => PyTorchProject.Write(model, directory));
        Assert.StartsWith("View 'Left' cannot be exported: module 'Left.scale' is a Sdl.Export.Tests.Unexportable.FeatureScale", error.Message);
        Assert.False(Directory.Exists(directory), "a failed export left a partial package behind");
    }

    [PythonFact("numpy")]
    public void TrainPy_SaysInOneLine_WhenPyTorchIsMissingOrTooOld()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-pkg-torch-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            using var model = new PackageDcca();
            var train = PyTorchProject.Write(model, Path.Combine(root, "package"));
            var python = PythonInterpreter.Find("numpy")!;
            // A stand-in 'torch' first on the path: one that fails to import, one that is 1.12.
            foreach (var (body, expected) in new[] { ("raise ImportError('no torch here')", "PyTorch is not installed"), ("__version__ = '1.12.1+cpu'", "PyTorch 1.12.1+cpu is too old; it needs PyTorch >= 1.13") })
            {
                var fake = Directory.CreateDirectory(Path.Combine(root, "fake-" + expected.Length, "torch")).FullName;
                File.WriteAllText(Path.Combine(fake, "__init__.py"), body + "\n");
                var start = new System.Diagnostics.ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var argument in new[] { train, "--data", root, "--out", root }) start.ArgumentList.Add(argument);
                start.Environment["PYTHONPATH"] = Path.GetDirectoryName(fake)!;
                using var process = System.Diagnostics.Process.Start(start)!;
                var (exit, _, stderr) = TrainingRun.Wait(process, 60);
                Assert.Equal(2, exit);
                var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains(expected, line);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [PythonFact("numpy", "torch")]
    public void TrainPy_RefusesDataWhoseWidthDoesNotFitAView_InOneLine()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-pkg-width-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            using var model = new PackageDcca();
            var train = PyTorchProject.Write(model, Path.Combine(root, "package"));
            var data = Path.Combine(root, "data");
            TrainingRun.WriteData(model, data, rows: 32, seed: 1);
            // Right takes 6 features; give it 7.
            Sdl.Runtime.Data.NpyWriter.Write(Path.Combine(data, "Right.npy"), new float[32 * 7], 32, 7);
            var python = PythonInterpreter.Find("numpy", "torch")!;
            var (exit, _, stderr) = TrainingRun.Run(python, [train, "--data", data, "--out", Path.Combine(root, "out")], root, timeoutSeconds: 120);
            Assert.Equal(2, exit);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("Right.npy: rows of 7 values, but view 'Right' takes 6", line);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
