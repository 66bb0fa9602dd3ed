using System.Text.Json;
using Sdl.Dsl;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Python;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

/// <summary>
/// The PyTorch training package computes what the C# model computes: for every objective and
/// both SDL norms, with α = 0 and α = 0.9, the same weights and three batches in a row (so SDL's
/// running Φ matters) give the same loss terms (same names, same order), the same gradient of every
/// parameter and the same SDL and batch-norm buffers afterwards; within 1e-5 relative in float32,
/// and within 1e-10 with both models converted to float64 (same float32-valued weights and inputs).
/// </summary>
public class TrainingPackageParityTests(ITestOutputHelper output)
{
    const double Float32Tolerance = 1e-5, Float64Tolerance = 1e-10;
    const int Rows = 12, Steps = 3;

    /// <summary>Loads the package in one Python process per case directory and replays the batches C# wrote.</summary>
    const string Replay = """
        import importlib, json, os, sys
        import numpy as np, torch
        root = sys.argv[1]
        for case in sorted(os.listdir(root)):
            directory = os.path.join(root, case)
            for name in ('views', 'model', 'sdl', 'objectives', 'distributed', 'safetensors_io'):
                sys.modules.pop(name, None)
            sys.path.insert(0, directory)
            import model as M, objectives, distributed, safetensors_io
            sys.path.pop(0)
            spec = M.load_spec(directory)
            dtype = getattr(torch, open(os.path.join(directory, 'dtype.txt')).read().strip())
            net = M.MultiViewModel(spec)
            net.load_state_dict(safetensors_io.read(os.path.join(directory, 'initial.safetensors')), strict=True)
            net.to(dtype)
            net.train()
            reducer = distributed.Reducer()
            steps = []
            for step in range(int(open(os.path.join(directory, 'steps.txt')).read())):
                inputs = [torch.from_numpy(np.load(os.path.join(directory, f"step{step}.{v['name']}.npy"))).reshape(-1, *v['input_shape']) for v in spec['views']]
                inputs = [x.to(dtype) for x in inputs]
                labels_path = os.path.join(directory, f'step{step}.labels.npy')
                labels = torch.from_numpy(np.load(labels_path)) if os.path.exists(labels_path) else None
                net.zero_grad(set_to_none=True)
                reducer.begin_batch(inputs[0].shape[0])
                out = net(inputs)
                total, terms = objectives.compute_loss(net, spec, out, inputs, labels, reducer)
                total.backward()
                steps.append({'terms': [['total', total.item()]] + [[n, v.item()] for n, v in terms],
                              'grads': {n: p.grad.reshape(-1).tolist() for n, p in net.named_parameters()}})
            buffers = {n: b.reshape(-1).double().tolist() for n, b in net.state_dict().items() if not n.endswith('num_batches_tracked') and n not in dict(net.named_parameters())}
            with open(os.path.join(directory, 'python.json'), 'w') as f:
                json.dump({'steps': steps, 'buffers': buffers}, f)
        print('ok')
        """;

    public static TheoryData<string> Objectives() => ["SoftCca", "Dcca64", "Dcca32", "DccaEyHalves", "DccaEySame", "BarlowTwins", "Supervised", "Fae"];

    static MultiViewModule Create(string objective, ModelOptions options) => objective switch
    {
        "SoftCca" => new PackageSoftCca(options),
        "Dcca64" => new PackageDcca(options with { Objective = new DccaOptions { UseFloat64 = true } }),
        "Dcca32" => new PackageDcca(options with { Objective = new DccaOptions { UseFloat64 = false } }),
        "DccaEyHalves" => new PackageDccaEy(options with { Objective = new DccaEyOptions { Penalty = EyPenalty.IndependentHalves } }),
        "DccaEySame" => new PackageDccaEy(options with { Objective = new DccaEyOptions { Penalty = EyPenalty.SameBatch } }),
        "BarlowTwins" => new PackageBarlowTwins(options),
        "Supervised" => new PackageSupervised(options),
        "Fae" => new PackageFae(options),
        _ => throw new ArgumentOutOfRangeException(nameof(objective)),
    };

    [PythonTheory("numpy", "torch")]
    [MemberData(nameof(Objectives))]
    public void Package_ReproducesTheCSharpLossTermsGradientsAndBuffers_OverThreeSteps(string objective) =>
        Check(objective, ScalarType.Float32);

    [PythonTheory("numpy", "torch")]
    [MemberData(nameof(Objectives))]
    public void Package_ReproducesTheCSharpLossTermsGradientsAndBuffers_InFloat64(string objective) =>
        Check(objective, ScalarType.Float64);

    void Check(string objective, ScalarType dtype)
    {
        double tolerance = dtype == ScalarType.Float64 ? Float64Tolerance : Float32Tolerance;
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sdl-pkg-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var expected = new Dictionary<string, (List<(List<KeyValuePair<string, double>> Terms, Dictionary<string, double[]> Grads)> Steps, Dictionary<string, double[]> Buffers)>();
            int index = 0;
            foreach (var norm in new[] { SdlNorm.Squared, SdlNorm.L1 })
                foreach (var alpha in new[] { 0.0, 0.9 })
                {
                    var name = $"{index++}-{norm}-alpha{alpha:0.0}".Replace(',', '.');
                    expected[name] = Run(Create(objective, new ModelOptions { Norm = norm, Alpha = alpha }), Path.Combine(root, name), seed: index, dtype);
                }

            var python = PythonInterpreter.Find("numpy", "torch")!;
            Assert.Equal("ok", PythonInterpreter.RunChecked(python, Replay, root).Trim());

            foreach (var (name, (steps, buffers)) in expected)
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, name, "python.json")));
                var actualSteps = document.RootElement.GetProperty("steps");
                for (int step = 0; step < Steps; step++)
                {
                    var actual = actualSteps[step];
                    var terms = actual.GetProperty("terms").EnumerateArray().Select(t => new KeyValuePair<string, double>(t[0].GetString()!, t[1].GetDouble())).ToList();
                    Assert.Equal(steps[step].Terms.Select(t => t.Key), terms.Select(t => t.Key));
                    // Relative to the larger of the term and the total: DCCA-EY's term is a difference of
                    // traces and can be a thousand times smaller than either, so its own size would measure cancellation.
                    double total = Math.Abs(steps[step].Terms[0].Value);
                    foreach (var ((term, value), (_, pythonValue)) in steps[step].Terms.Zip(terms))
                    {
                        double relative = Math.Abs(value - pythonValue) / Math.Max(Math.Max(Math.Abs(value), total), 1e-6);
                        output.WriteLine($"{objective} {name} step {step} {term}: C# {value:R}, PyTorch {pythonValue:R} (relative {relative:E1})");
                        Assert.True(relative <= tolerance, $"{objective} {name} step {step}: term {term} is {value:R} in C# and {pythonValue:R} in PyTorch");
                    }
                    var grads = actual.GetProperty("grads");
                    Assert.Equal(steps[step].Grads.Keys.Order(), grads.EnumerateObject().Select(p => p.Name).Order());
                    // One scale for the whole gradient: some entries are zero in exact arithmetic (an
                    // embedding's bias under batch normalisation or centring) and are rounding noise in both.
                    double largest = steps[step].Grads.Values.SelectMany(g => g).Max(Math.Abs);
                    foreach (var (parameter, gradient) in steps[step].Grads)
                        AssertClose(gradient, Read(grads.GetProperty(parameter), dtype), $"{objective} {name} step {step}: gradient of {parameter}", largest, tolerance);
                }
                var actualBuffers = document.RootElement.GetProperty("buffers");
                foreach (var (buffer, values) in buffers)
                    AssertClose(values, Read(actualBuffers.GetProperty(buffer), dtype), $"{objective} {name}: buffer {buffer} after {Steps} steps", values.Max(Math.Abs), tolerance);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Writes the package and the batches, and runs the C# model on them: terms and gradients per step, buffers at the end.
    /// The package and the batches are written in float32; in float64 both sides convert the same values.</summary>
    static (List<(List<KeyValuePair<string, double>>, Dictionary<string, double[]>)>, Dictionary<string, double[]>) Run(MultiViewModule model, string directory, int seed, ScalarType dtype)
    {
        using var _ = model;
        OnnxParity.Randomise(model, seed);
        PyTorchProject.Write(model, directory);
        model.to(dtype);
        File.WriteAllText(Path.Combine(directory, "steps.txt"), Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(directory, "dtype.txt"), dtype == ScalarType.Float64 ? "float64" : "float32");
        var generator = new Generator((ulong)(100 + seed));
        model.train();
        var steps = new List<(List<KeyValuePair<string, double>>, Dictionary<string, double[]>)>();
        for (int step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            var inputs = model.Info.Views.Select(v => randn([Rows, .. v.InputShape], generator: generator) * 1.3 + 0.2).ToList();
            for (int v = 0; v < inputs.Count; v++)
                NpyWriter.Write(Path.Combine(directory, $"step{step}.{model.Info.Views[v].Name}.npy"), inputs[v].contiguous().data<float>().ToArray(), inputs[v].shape);
            Tensor? labels = null;
            if (model.Info.Classes > 0)
            {
                labels = randint(model.Info.Classes, [Rows], generator: generator, dtype: ScalarType.Int64);
                NpyWriter.Write(Path.Combine(directory, $"step{step}.labels.npy"), labels.data<long>().ToArray(), Rows);
            }
            model.zero_grad();
            inputs = inputs.Select(x => x.to(dtype)).ToList();
            var loss = model.ComputeLoss(model.forward(inputs), inputs, labels);
            loss.Total.backward();
            var values = loss.ToValues();
            var terms = new List<KeyValuePair<string, double>> { new("total", values["total"]) };
            terms.AddRange(loss.Terms.Select(t => new KeyValuePair<string, double>(t.Key, values[t.Key])));
            var grads = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.to(ScalarType.Float64).contiguous().data<double>().ToArray());
            steps.Add((terms, grads));
        }
        var parameters = model.named_parameters().Select(p => p.name).ToHashSet();
        var buffers = model.state_dict().Where(kv => !parameters.Contains(kv.Key) && !kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float64).contiguous().data<double>().ToArray());
        return (steps, buffers);
    }

    /// <summary>PyTorch's values as written (float64 in the JSON), rounded to float32 when the run was in float32.</summary>
    static double[] Read(JsonElement values, ScalarType dtype) =>
        values.EnumerateArray().Select(e => dtype == ScalarType.Float64 ? e.GetDouble() : (float)e.GetDouble()).ToArray();

    /// <summary>Every entry within <paramref name="tolerance"/> × <paramref name="scale"/> (the largest entry of the compared quantity).</summary>
    void AssertClose(double[] expected, double[] actual, string what, double scale, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).DefaultIfEmpty(0).Max();
        output.WriteLine($"{what}: max |C# − PyTorch| = {difference:E2} (scale {scale:E2})");
        Assert.True(difference <= tolerance * Math.Max(scale, 1e-6), $"{what}: max |C# − PyTorch| = {difference:E2} against a largest entry of {scale:E2}");
    }
}
