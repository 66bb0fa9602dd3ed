using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Sdl.Generators.Benchmarks;

/// <summary>
/// Generation time for a compilation of 50 models: cold (a new driver) and after an edit that touches no model
/// (a warm driver that must find everything cached), plus an edit to one model for comparison.
/// </summary>
public static class GenerationBenchmark
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// Medians: cold; a re-run on an edited compilation that was already bound (the v1 measurements); and, closer to an IDE,
    /// a real edit each time: a new compilation (never bound before) with a comment added to one model's file, or a layer
    /// of one model renamed, run on the driver of the previous edit.
    /// </summary>
    public static (double ColdMs, double UnrelatedEditMs, double OneModelEditMs, double RealCommentEditMs, double RealRenameEditMs) Run(int models = 50, int repetitions = 30)
    {
        var references = ImmutableArray.CreateRange<MetadataReference>(
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Sdl.Runtime.Models.MultiViewModule).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Sdl.Dsl.MultiViewModelAttribute).Assembly.Location),
        ]);
        var trees = Enumerable.Range(0, models).Select(i => CSharpSyntaxTree.ParseText(Model(i), ParseOptions, path: $"Model{i}.cs")).ToList();
        var compilation = CSharpCompilation.Create("Fifty", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create([new MultiViewModelGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

        var unrelated = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { public class Helper { } }", ParseOptions, path: "Helper.cs"));
        var oneModel = compilation.ReplaceSyntaxTree(trees[7], CSharpSyntaxTree.ParseText(Model(7).Replace("\"fc1\"", "\"hidden\""), ParseOptions, path: "Model7.cs"));

        // Check once that every model generates, so the timing measures real work.
        var check = NewDriver().RunGenerators(compilation).GetRunResult();
        if (check.GeneratedTrees.Length != models || !check.Diagnostics.IsEmpty)
            throw new InvalidOperationException($"Expected {models} generated files and no diagnostics, got {check.GeneratedTrees.Length} and {check.Diagnostics.Length}.");

        var warm = NewDriver().RunGenerators(compilation);
        var cold = new List<double>();
        var afterUnrelated = new List<double>();
        var afterOne = new List<double>();
        var realComment = new List<double>();
        var realRename = new List<double>();
        var editing = NewDriver().RunGenerators(compilation);
        for (int i = 0; i < repetitions; i++)
        {
            var commented = compilation.ReplaceSyntaxTree(trees[3], CSharpSyntaxTree.ParseText(Model(3) + $"\n// edit {i}\n", ParseOptions, path: "Model3.cs"));
            realComment.Add(Time(() => editing = editing.RunGenerators(commented)));
            var renamed = compilation.ReplaceSyntaxTree(trees[11], CSharpSyntaxTree.ParseText(Model(11).Replace("\"fc1\"", $"\"fc1_{i}\""), ParseOptions, path: "Model11.cs"));
            realRename.Add(Time(() => editing = editing.RunGenerators(renamed)));
            // A fresh compilation object each time, so Roslyn's own per-compilation caches start cold as well.
            var fresh = CSharpCompilation.Create("Fifty", trees, references, compilation.Options);
            cold.Add(Time(() => NewDriver().RunGenerators(fresh)));
            afterUnrelated.Add(Time(() => warm.RunGenerators(unrelated)));
            afterOne.Add(Time(() => warm.RunGenerators(oneModel)));
        }
        return (TrainingStepBenchmark.Median(cold), TrainingStepBenchmark.Median(afterUnrelated), TrainingStepBenchmark.Median(afterOne),
            TrainingStepBenchmark.Median(realComment), TrainingStepBenchmark.Median(realRename));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static string Model(int i) => $$"""
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Bench{{i % 5}};

        [MultiViewModel]
        [SoftCca(Lambda = 1e-3)]
        public partial class Model{{i}}
        {
            [View(InputDim = {{100 + i}})]
            [Dense("fc1", 256, Activation.ReLU)]
            [Dropout("drop", 0.1)]
            [Dense("embed", 32)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }

            [View(InputShape = new[] { 1, 16, 16 })]
            [Conv2d("conv", 4, 3, Activation.ReLU, Padding = 1)]
            [MaxPool2d("pool", 2)]
            [Flatten("flat")]
            [Dense("embed", 32)]
            [Decorrelate(Layer = "embed", Method = DecorrelationMethod.DeCov)]
            public partial ViewEncoder Right { get; }
        }
        """;
}
