using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sdl.Generators.Model;
using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Incrementality;

/// <summary>
/// Runs the driver twice, editing the compilation in between, and reads the tracked steps: edits that do not touch
/// a model must leave it cached or unchanged, and an edit to one model must regenerate that model only.
/// </summary>
public class IncrementalityTests
{
    private const string Unrelated = "namespace Other; public class Helper { public int Value => 1; }";

    private static (GeneratorDriverRunResult Second, IReadOnlyList<(string Model, IncrementalStepRunReason Reason)> Models) RunTwice(
        string[] sources, Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(edit(compilation));
        var result = driver.GetRunResult();
        var models = result.Results.Single().TrackedSteps.GetValueOrDefault(TrackingNames.Models, [])
            .SelectMany(step => step.Outputs)
            .Select(o => (((ModelSpec)o.Value).Type.ClassName, o.Reason))
            .ToList();
        return (result, models);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, Func<string, string> change)
    {
        var tree = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(change(tree.ToString()), GeneratorHarness.ParseOptions, tree.FilePath));
    }

    private static void AssertAllTrackedStepsCachedOrUnchanged(GeneratorDriverRunResult result)
    {
        var steps = result.Results.Single().TrackedSteps;
        foreach (var name in new[] { TrackingNames.ParsedModels, TrackingNames.Diagnostics, TrackingNames.Models, TrackingNames.Skeletons })
        {
            Assert.True(steps.ContainsKey(name) || name is TrackingNames.Diagnostics or TrackingNames.Skeletons, $"step {name} was not tracked");
            if (!steps.TryGetValue(name, out var runs)) continue;
            Assert.All(runs.SelectMany(r => r.Outputs), o =>
                Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: {o.Reason}"));
        }
    }

    [Fact]
    public void UnrelatedClassAdded_LeavesEveryTrackedStepCached()
    {
        var (result, models) = RunTwice([TestModels.Dcca, TestModels.Supervised],
            c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, GeneratorHarness.ParseOptions, "Unrelated.cs")));
        AssertAllTrackedStepsCachedOrUnchanged(result);
        Assert.Equal(2, models.Count);
    }

    [Fact]
    public void AddedComment_InTheModelsFile_DoesNotRegenerate()
    {
        var (result, models) = RunTwice([TestModels.Dcca, TestModels.Supervised],
            c => Replace(c, 0, s => s.Replace("public partial class ExactCca", "// Exact deep CCA for the benchmark.\npublic partial class ExactCca")));
        AssertAllTrackedStepsCachedOrUnchanged(result);
        Assert.Equal(2, models.Count);
    }

    [Fact]
    public void RenamedLayer_RegeneratesOnlyThatModel()
    {
        var (_, models) = RunTwice([TestModels.Dcca, TestModels.Supervised],
            c => Replace(c, 1, s => s.Replace("\"hidden\"", "\"hidden1\"")));
        Assert.Equal(IncrementalStepRunReason.Modified, models.Single(m => m.Model == "Classifier").Reason);
        Assert.Contains(models.Single(m => m.Model == "ExactCca").Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
    }

    [Fact]
    public void ChangedObjective_RegeneratesOnlyThatModel()
    {
        var (_, models) = RunTwice([TestModels.Dcca, TestModels.Supervised],
            c => Replace(c, 0, s => s.Replace("[Dcca(TopK = 3, Ridge = 1e-4, EigenvalueFloor = 1e-8, UseFloat64 = false, BatchSize = 128)]", "[SoftCca(Lambda = 0.2)]")));
        Assert.Equal(IncrementalStepRunReason.Modified, models.Single(m => m.Model == "ExactCca").Reason);
        Assert.Contains(models.Single(m => m.Model == "Classifier").Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
    }

    [Fact]
    public void CachedModels_HoldNoSymbolsSyntaxOrLocations()
    {
        var (result, _) = RunTwice([TestModels.AllLayerKinds, TestModels.CustomEncoder, TestModels.Fae], c => c);
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SyntaxTree), typeof(SemanticModel) };
        foreach (var output in result.Results.Single().TrackedSteps[TrackingNames.ParsedModels].SelectMany(s => s.Outputs))
            AssertHoldsOnly(output.Value, forbidden, new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private const string InvalidModel = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo.Broken;

        [MultiViewModel]
        [SoftCca(Lambda = -1)]
        public partial class Broken
        {
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            [Decorrelate(Layer = "embd")]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 8)]
            [Dense("embed", 5)]
            public partial ViewEncoder Right { get; }
        }
        """;

    [Fact]
    public void UnrelatedClassAdded_WithAnInvalidModel_LeavesDiagnosticsAndSkeletonCached()
    {
        var (result, _) = RunTwice([InvalidModel, TestModels.Supervised],
            c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, GeneratorHarness.ParseOptions, "Unrelated.cs")));
        var steps = result.Results.Single().TrackedSteps;
        Assert.NotEmpty(steps[TrackingNames.Diagnostics].SelectMany(s => s.Outputs));
        Assert.Single(steps[TrackingNames.Skeletons].SelectMany(s => s.Outputs));
        AssertAllTrackedStepsCachedOrUnchanged(result);
        Assert.Single(result.Diagnostics, d => d.Id == "SDL0001");
    }

    [Fact]
    public void FixedError_ReplacesTheSkeletonWithTheModel()
    {
        var (result, models) = RunTwice([InvalidModel], c => Replace(c, 0, s => s.Replace("Layer = \"embd\"", "Layer = \"embed\"").Replace("-1", "1").Replace("(\"embed\", 5)", "(\"embed\", 4)")));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(models).Reason);
        Assert.DoesNotContain(result.Results.Single().TrackedSteps[TrackingNames.Skeletons].SelectMany(s => s.Outputs), o => o.Reason != IncrementalStepRunReason.Removed);
    }

    [Fact]
    public void CachedInvalidModel_AndItsDiagnostics_HoldNoSymbolsSyntaxOrLocations()
    {
        var (result, _) = RunTwice([InvalidModel], c => c);
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SyntaxTree), typeof(SemanticModel) };
        var steps = result.Results.Single().TrackedSteps;
        var outputs = steps[TrackingNames.ParsedModels].Concat(steps[TrackingNames.Diagnostics]).Concat(steps[TrackingNames.Skeletons]).SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Value is ModelResult { Diagnostics.Count: > 0, Skeleton: not null });
        foreach (var output in outputs)
            AssertHoldsOnly(output.Value, forbidden, new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void EditedCustomEncoderFile_UpdatesTheModelsDiagnostics()
    {
        int split = TestModels.CustomEncoder.IndexOf("[MultiViewModel]", StringComparison.Ordinal);
        const string Usings = "using Sdl.Dsl;\nusing Sdl.Runtime.Models;\nusing TorchSharp;\nusing TorchSharp.Modules;\nusing static TorchSharp.torch;\nnamespace Demo.Custom;\n";
        var encoderFile = TestModels.CustomEncoder[..split];
        var modelFile = Usings + TestModels.CustomEncoder[split..];
        var compilation = GeneratorHarness.CreateCompilation(encoderFile, modelFile);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);

        // The encoder's own file changes: its tapped fc2 is now called with .forward, whose hook would not fire.
        var edited = Replace(compilation, 0, s => s.Replace("fc2.call(", "fc2.forward("));
        driver = driver.RunGenerators(edited);
        Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "SDL0012");
    }

    private static void AssertHoldsOnly(object? value, Type[] forbidden, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value)) return;
        Assert.DoesNotContain(forbidden, f => f.IsInstanceOfType(value));
        if (value is IEnumerable items)
        {
            foreach (var item in items) AssertHoldsOnly(item, forbidden, seen);
            return;
        }
        if (value is DiagnosticDescriptor) return; // a static, value-equatable description
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertHoldsOnly(field.GetValue(value), forbidden, seen);
    }
}
