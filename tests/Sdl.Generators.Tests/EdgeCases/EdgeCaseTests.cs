using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.EdgeCases;

/// <summary>
/// Models a user could write, beyond the diagnostic and snapshot cases: each good one compiles with no diagnostic and no
/// warning (with documentation checked, as in a project with GenerateDocumentationFile and TreatWarningsAsErrors), each bad
/// one yields exactly its diagnostic at its line and nothing else: no second error, nothing in a generated file.
/// </summary>
public class EdgeCaseTests
{
    public static TheoryData<EdgeCase> GoodCases => new(EdgeCaseModels.Good());

    public static TheoryData<EdgeCase> BadCases => new(EdgeCaseModels.Bad());

    [Fact]
    public void TheSuiteHasAtLeastSixtyDefinitions() => Assert.True(EdgeCaseModels.Good().Count() + EdgeCaseModels.Bad().Count() >= 60);

    [Theory]
    [MemberData(nameof(GoodCases))]
    public void GoodDefinition_CompilesWithoutAnyDiagnostic(EdgeCase testCase)
    {
        var result = Run(testCase.Source);
        var problems = result.GeneratorDiagnostics.Concat(result.CompilationProblems).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(BadCases))]
    public void BadDefinition_YieldsExactlyItsDiagnostic_AtItsLine(EdgeCase testCase)
    {
        var result = Run(testCase.Source);
        var all = result.GeneratorDiagnostics.Concat(result.CompilationProblems).ToList();
        var expected = testCase.Id ?? testCase.CompilerError!;
        var diagnostic = Assert.Single(all, d => d.Id == expected);
        Assert.Equal("Model0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(testCase.MarkedLine, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        var others = all.Where(d => d.Id != expected).Select(d => d.ToString()).ToList();
        Assert.True(others.Count == 0, "Other diagnostics:\n" + string.Join("\n", others));
        if (testCase.CompilerError is not null)
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id.StartsWith("SDL", StringComparison.Ordinal));
    }

    /// <summary>A sample of the good models runs: forward, loss and backward with real TorchSharp.</summary>
    [Theory]
    [InlineData("Layer named forward")]
    [InlineData("Layer named x")]
    [InlineData("View named inputs")]
    [InlineData("View named distance")]
    [InlineData("Views differing only in case")]
    [InlineData("Views whose tap component names would collide")]
    [InlineData("Conv2d with stride on odd input")]
    [InlineData("Embedding followed by BatchNorm and Dropout")]
    [InlineData("User set-up hook")]
    [InlineData("DCCA-EY")]
    [InlineData("SameAs view")]
    [InlineData("SameAs view with its own input size")]
    public void GoodSample_RunsForwardAndLoss(string name)
    {
        var testCase = EdgeCaseModels.Good().Single(c => c.Name == name);
        var result = Run(testCase.Source);
        var assembly = CompiledModels.Load(result.OutputCompilation);
        using var model = CompiledModels.Create(assembly, "Edge.M");
        Assert.Equal(model.parameters().Count(), model.named_parameters().Select(p => p.name).Distinct().Count());
        model.train();
        var inputs = model.Info.Views.Select(v => TorchSharp.torch.randn(16, v.InputSize)).ToArray();
        var output = model.call(inputs);
        var loss = model.ComputeLoss(output, inputs);
        loss.Total.backward();
        Assert.True(double.IsFinite(loss.Total.item<float>()));
        Assert.Equal(4, output.Embeddings[0].shape[1]);
        if (name == "Views whose tap component names would collide")
        {
            // Both SDL modules keep their running covariance in the state_dict, under distinct keys.
            var buffers = model.state_dict().Keys.Where(k => k.EndsWith(".sigma_accu", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, buffers.Distinct().Count());
        }
        if (name == "View named distance")
        {
            // The view keeps its parameters' prefix; the objective's stateless module yields the name.
            Assert.Contains("distance.fc1.weight", model.state_dict().Keys);
            Assert.Contains("distance.embed.weight", model.state_dict().Keys);
        }
        if (name.StartsWith("SameAs", StringComparison.Ordinal))
        {
            var keys = model.state_dict().Keys.ToList();
            Assert.Contains("Right.fc1.weight", keys);
            Assert.Equal(name.EndsWith("input size", StringComparison.Ordinal) ? 6 : 8, model.Info.Views[1].InputSize);
        }
        if (name == "User set-up hook")
            Assert.Equal(1, (int)model.GetType().GetProperty("SetUps")!.GetValue(model)!);
    }

    private static GenerationResult Run(string source)
    {
        // Documentation comments are checked, as with GenerateDocumentationFile: a public generated member without one is CS1591.
        var parse = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = GeneratorHarness.CreateCompilation(source).WithOptions(GeneratorHarness.CompilationOptions);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            GeneratorHarness.CreateCompilation(source).SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), parse)));
        var driver = CSharpGeneratorDriver.Create([new MultiViewModelGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var run = driver.GetRunResult();
        return new GenerationResult(run.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList(), diagnostics, output);
    }
}
