using System.Globalization;
using Microsoft.CodeAnalysis;
using Sdl.Generators.Model;
using Sdl.Generators.Tests.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Generators.Tests.Properties;

/// <summary>
/// Random stacks of Conv2d, MaxPool2d, Dense, Flatten and Reshape on random image inputs, all through the real generator:
/// where the generator accepts a stack, every layer's predicted per-sample shape equals the shape TorchSharp produces;
/// where TorchSharp rejects a stack, the generator reported a diagnostic on it.
/// </summary>
public class ShapePropertyTests
{
    private sealed record Layer(string Attribute, Func<Tensor, Tensor> Build);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PredictedShapes_AgreeWithTorchSharp(int seed)
    {
        const int Models = 60;
        var random = new Random(seed);
        var stacks = Enumerable.Range(0, Models).Select(_ => RandomStack(random)).ToList();
        var sources = stacks.Select((s, i) => Source(i, s.Input, s.Layers)).ToArray();

        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var run = driver.GetRunResult().Results.Single();
        var predicted = run.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => (ModelSpec)o.Value)
            .ToDictionary(m => m.Type.ClassName);
        var diagnosed = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Location.GetLineSpan().Path).ToHashSet();

        int accepted = 0, rejected = 0;
        for (int i = 0; i < Models; i++)
        {
            var (input, layers) = stacks[i];
            var actual = TorchShapes(input, layers);
            bool generatorAccepts = predicted.TryGetValue($"S{i}", out var model);
            Assert.True(generatorAccepts != diagnosed.Contains($"Model{i}.cs"), $"S{i}: accepted and diagnosed at once");
            if (actual is null)
            {
                Assert.False(generatorAccepts, $"S{i}: TorchSharp rejects {Describe(input, layers)} but the generator accepted it");
                rejected++;
                continue;
            }
            if (!generatorAccepts) continue; // a DSL rule stricter than TorchSharp (Dense on an image): a diagnostic, allowed
            accepted++;
            var shapes = model!.Views[0].Layers.Select(l => string.Join("x", l.OutputShape)).ToList();
            Assert.Equal(actual.Take(layers.Count), shapes.Take(layers.Count));
        }
        // The property is only meaningful when both outcomes occur.
        Assert.True(accepted > 5 && rejected > 5, $"accepted {accepted}, rejected {rejected}");
    }

    private static (long[] Input, List<Layer> Layers) RandomStack(Random random)
    {
        var input = new long[] { random.Next(1, 4), random.Next(1, 11), random.Next(1, 11) };
        var layers = new List<Layer>();
        int count = random.Next(1, 5);
        for (int i = 0; i < count; i++)
        {
            string name = $"l{i}";
            switch (random.Next(5))
            {
                case 0:
                {
                    int outChannels = random.Next(1, 4), kernel = random.Next(1, 7), stride = random.Next(1, 4), padding = random.Next(0, 3);
                    layers.Add(new($"[Conv2d(\"{name}\", {outChannels}, {kernel}, Stride = {stride}, Padding = {padding})]",
                        x => x.dim() != 4 ? throw new ArgumentException("not an image") : nn.Conv2d(x.shape[1], outChannels, kernel, stride: stride, padding: padding).call(x)));
                    break;
                }
                case 1:
                {
                    int kernel = random.Next(1, 5), stride = random.Next(0, 4);
                    layers.Add(new($"[MaxPool2d(\"{name}\", {kernel}, Stride = {stride})]",
                        x => x.dim() != 4 ? throw new ArgumentException("not an image") : nn.MaxPool2d(kernel, stride: stride == 0 ? kernel : stride).call(x)));
                    break;
                }
                case 2:
                {
                    int units = random.Next(1, 9);
                    layers.Add(new($"[Dense(\"{name}\", {units})]", x => nn.Linear(x.shape[^1], units).call(x)));
                    break;
                }
                case 3:
                    layers.Add(new($"[Flatten(\"{name}\")]", x => nn.Flatten().call(x)));
                    break;
                default:
                {
                    long[] dims = { random.Next(1, 4), random.Next(1, 7), random.Next(1, 7) };
                    layers.Add(new($"[Reshape(\"{name}\", {string.Join(", ", dims)})]",
                        x => x.numel() / x.shape[0] != dims.Aggregate(1L, (a, b) => a * b) ? throw new ArgumentException("size") : x.reshape([-1, .. dims])));
                    break;
                }
            }
        }
        return (input, layers);
    }

    /// <summary>The per-sample shape after each layer, or null when TorchSharp throws.</summary>
    private static List<string>? TorchShapes(long[] input, List<Layer> layers)
    {
        using var scope = NewDisposeScope();
        var x = zeros([2, .. input]);
        var shapes = new List<string>();
        try
        {
            foreach (var layer in layers)
            {
                x = layer.Build(x);
                shapes.Add(string.Join("x", x.shape.Skip(1)));
            }
            return shapes;
        }
        catch (Exception e) when (e is ArgumentException or System.Runtime.InteropServices.ExternalException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Source(int index, long[] input, List<Layer> layers) => $$"""
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        [MultiViewModel]
        [SoftCca]
        public partial class S{{index}}
        {
            [View(InputShape = new[] { {{string.Join(", ", input)}} })]
            {{string.Join("\n    ", layers.Select(l => l.Attribute))}}
            [Flatten("tail")]
            [Dense("embed", 4)]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 4)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
        }
        """;

    private static string Describe(long[] input, List<Layer> layers) =>
        $"[{string.Join(", ", input)}] " + string.Join(" ", layers.Select(l => l.Attribute));
}
