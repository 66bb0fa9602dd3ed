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
        // No cascade: nothing lands in a generated file, and (unless the class itself cannot be completed) no other error at all.
        Assert.DoesNotContain(result.CompilationProblems, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        if (testCase.Id != "SDL0002")
            Assert.Empty(result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
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
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .ToList();
        Assert.Equal(descriptors.Distinct().Count(), descriptors.Count);
        Assert.Equal(descriptors.Order(), DiagnosticCases.All.Select(c => c.Id).Distinct().Order());
        var unshipped = RepositoryFiles.Read("src/Sdl.Generators/AnalyzerReleases.Unshipped.md");
        Assert.All(descriptors, id => Assert.Contains(id + " |", unshipped));
        // Each ID has its entry in the documented list (the help link's anchor), with a wrong and a fixed example.
        var docs = RepositoryFiles.Read("docs/generator.md");
        Assert.All(descriptors, id => Assert.Matches($"(?s)### {id}\\b.*?Wrong.*?Fixed", docs));
    }

    [Fact]
    public void EveryDescriptor_HasItsOwnMessage_AndAHelpLinkToItsEntry()
    {
        var descriptors = typeof(Sdl.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.MessageFormat.ToString()).Distinct().Count());
        // No generic shell: a message is more than a name and a free-text argument.
        Assert.All(descriptors, d => Assert.DoesNotMatch(@"^View '\{0\}': \{1\}$", d.MessageFormat.ToString()));
        Assert.All(descriptors, d => Assert.EndsWith("docs/generator.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri));
    }

    /// <summary>
    /// Each help link is relative to the repository root (docs/generator.md, "Diagnostics", says why), names a file that
    /// exists, and its anchor is the one the renderer gives the ID's own heading: a line "### SDLxxxx" and nothing more
    /// (extra words would change the anchor).
    /// </summary>
    [Fact]
    public void EveryHelpLink_IsARelativeLinkToItsOwnSection()
    {
        var descriptors = typeof(Sdl.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
        {
            Assert.False(Uri.IsWellFormedUriString(descriptor.HelpLinkUri, UriKind.Absolute), descriptor.HelpLinkUri);
            var parts = descriptor.HelpLinkUri.Split('#');
            Assert.Equal(2, parts.Length);
            Assert.Equal("docs/generator.md", parts[0]);
            Assert.Equal(descriptor.Id.ToLowerInvariant(), parts[1]);
            var headings = RepositoryFiles.Read(parts[0]).Split('\n').Select(l => l.TrimEnd('\r'))
                .Where(l => l.StartsWith('#') && AnchorOf(l) == parts[1]).ToList();
            Assert.True(headings.Count == 1, $"{descriptor.Id}: expected one heading with the anchor #{parts[1]}, found {headings.Count}");
        }
    }

    /// <summary>The anchor a Markdown renderer gives a heading: lower case, spaces to hyphens, punctuation dropped.</summary>
    private static string AnchorOf(string heading)
    {
        var text = heading.TrimStart('#').Trim().ToLowerInvariant();
        return new string(text.Where(c => char.IsLetterOrDigit(c) || c == ' ' || c == '-' || c == '_').ToArray()).Replace(' ', '-');
    }
}
