using Sdl.Export.PyTorch;
using Sdl.Export.Tracing;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Tests.Python;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

public class PyTorchExportTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-5;

    static string TemporaryDirectory() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-pt-" + Guid.NewGuid().ToString("N"))).FullName;

    [Theory]
    [InlineData(".pt")]
    [InlineData(".safetensors")]
    public void StateDict_RoundTrips_IntoAFreshModel_WithTheSdlBuffers(string extension)
    {
        using var model = new ConvKinds();
        OnnxParity.Randomise(model, seed: 5);
        var directory = TemporaryDirectory();
        try
        {
            var path = Path.Combine(directory, "model" + extension);
            if (extension == ".pt") PyTorchExport.SaveStateDict(model, path); else PyTorchExport.SaveSafetensors(model, path);
            using var fresh = new ConvKinds();
            if (extension == ".pt") PyTorchExport.LoadStateDict(fresh, path); else PyTorchExport.LoadSafetensors(fresh, path);

            var expected = model.state_dict();
            var loaded = fresh.state_dict();
            Assert.Equal(expected.Keys.Order(), loaded.Keys.Order());
            Assert.Contains(expected.Keys, k => k.StartsWith("sdl_Top_embed.", StringComparison.Ordinal));
            foreach (var key in expected.Keys)
                Assert.True(expected[key].allclose(loaded[key], rtol: 0, atol: 0), $"{key} differs after the round trip");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    const string RunEncoders = """
        import importlib.util, os, sys
        import numpy as np, torch
        directory = sys.argv[1]
        for name in sorted(os.listdir(directory)):
            if not name.endswith('.py'):
                continue
            stem = name[:-3]
            spec = importlib.util.spec_from_file_location(stem.replace('.', '_'), os.path.join(directory, name))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            x = torch.from_numpy(np.load(os.path.join(directory, stem + '.input.npy')))
            view = stem.split('.')[-1]
            with torch.no_grad():
                for source in ('safetensors', 'pt'):
                    # safetensors: load()'s default, the file beside the script; pt: an explicit path.
                    encoder = module.load() if source == 'safetensors' else module.load(os.path.join(directory, stem + '.pt'))
                    np.save(os.path.join(directory, f'{stem}.{source}.output.npy'), encoder(x).numpy())
        print('ok')
        """;

    [PythonFact("numpy", "torch")]
    public void PyTorch_ReproducesTheEmbeddings_OfEveryViewOfEveryModel_FromTheExportedWeightsAndModule()
    {
        var directory = TemporaryDirectory();
        try
        {
            var expected = new Dictionary<string, float[]>();
            foreach (var type in OnnxExportTests.ModelTypes())
            {
                using var model = (MultiViewModule)Activator.CreateInstance(type)!;
                OnnxParity.Randomise(model, seed: 7);
                var modelDirectory = Path.Combine(directory, type.Name);
                PyTorchExport.ExportEncoders(model, modelDirectory);
                foreach (var view in model.Info.Views)
                {
                    var stem = $"{type.Name}.{view.Name}";
                    // Flat files: <model>.<view>.py imports its weights by absolute path below.
                    File.Copy(Path.Combine(modelDirectory, $"{view.Name}.py"), Path.Combine(directory, stem + ".py"));
                    File.Copy(Path.Combine(modelDirectory, $"{view.Name}.pt"), Path.Combine(directory, stem + ".pt"));
                    File.Copy(Path.Combine(modelDirectory, $"{view.Name}.safetensors"), Path.Combine(directory, stem + ".safetensors"));
                    using var scope = NewDisposeScope();
                    var input = randn([9, .. view.InputShape], generator: new Generator(11));
                    NpyWriter.Write(Path.Combine(directory, stem + ".input.npy"), input.data<float>().ToArray(), input.shape);
                    using (no_grad())
                        expected[stem] = EncoderLookup.Encoder(model, view.Name).call(input).contiguous().data<float>().ToArray();
                }
            }
            // The default load() reads <view>.safetensors beside the script: point each script at its own copy.
            foreach (var script in Directory.GetFiles(directory, "*.py"))
            {
                var stem = Path.GetFileNameWithoutExtension(script);
                var view = stem.Split('.')[^1];
                File.WriteAllText(script, File.ReadAllText(script).Replace($"'{view}.safetensors'", $"'{stem}.safetensors'"));
            }

            var python = PythonInterpreter.Find("numpy", "torch")!;
            Assert.Equal("ok", PythonInterpreter.RunChecked(python, RunEncoders, directory).Trim());

            foreach (var (stem, values) in expected)
                foreach (var source in new[] { "safetensors", "pt" })
                {
                    var actual = NpyReader.Read(Path.Combine(directory, $"{stem}.{source}.output.npy")).Values;
                    Assert.Equal(values.Length, actual.Length);
                    double difference = values.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
                    output.WriteLine($"{stem} ({source}): max |PyTorch − TorchSharp| = {difference:E2}");
                    Assert.True(difference <= Tolerance, $"{stem} ({source}): PyTorch differs from TorchSharp by {difference:E2}");
                }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
