using Microsoft.CodeAnalysis;
using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Diagnostics;

/// <summary>Every diagnostic fires on its bad case at the marked span with a message that says what to change, and stays silent on the nearest good case.</summary>
public class DiagnosticTests
{
    public static TheoryData<DiagnosticCase> Cases => new(DiagnosticCases.All);

    [Theory]
    [MemberData(nameof(Cases))]
    public void FiresAtTheMarkedSpan(DiagnosticCase testCase)
    {
        var (source, span) = Markup.Parse(testCase.Marked);
        var result = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(testCase.Id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal("Model0.cs", diagnostic.Location.GetLineSpan().Path);
        // In the user's own tree, so that #pragma warning disable and editorconfig severities apply to it.
        Assert.Same(result.OutputCompilation.SyntaxTrees.First(), diagnostic.Location.SourceTree);
        Assert.Contains(testCase.MessagePart, diagnostic.GetMessage());
        if (diagnostic.Severity == DiagnosticSeverity.Error) Assert.Empty(result.Sources);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsSilentOnTheNearestGoodCase(DiagnosticCase testCase)
    {
        var (source, _) = Markup.Parse(testCase.Marked);
        Assert.Contains(testCase.Bad, source);
        var good = testCase.Bad.Length == 0 ? source : source.Replace(testCase.Bad, testCase.Good);
        var result = GeneratorHarness.Run(good);
        Assert.Empty(result.GeneratorDiagnostics);
        result.AssertCompilesCleanly();
    }

    [Fact]
    public void EveryDescriptorHasATest_AndIsListedForRelease()
    {
        var descriptors = typeof(Sdl.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .ToList();
        Assert.Equal(descriptors.Distinct().Count(), descriptors.Count);
        Assert.Equal(descriptors.Order(), DiagnosticCases.All.Select(c => c.Id).Distinct().Order());
        var unshipped = RepositoryFiles.Read("src/Sdl.Generators/AnalyzerReleases.Unshipped.md");
        Assert.All(descriptors, id => Assert.Contains(id + " |", unshipped));
    }
}
