using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Sdl.Generators.CodeFixes;
using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Diagnostics;

/// <summary>The "make partial" code fix turns the SDL0002 and SDL0014 cases into models that generate and compile cleanly.</summary>
public class MakePartialCodeFixTests
{
    [Theory]
    [InlineData("SDL0002")]
    [InlineData("SDL0014")]
    public async Task Fix_AddsPartial_AndTheModelThenGenerates(string id)
    {
        var testCase = DiagnosticCases.All.Single(c => c.Id == id);
        var (source, _) = Markup.Parse(testCase.Marked);

        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("UserModels", LanguageNames.CSharp)
            .WithMetadataReferences(GeneratorHarness.References)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .WithCompilationOptions(GeneratorHarness.CompilationOptions);
        var document = project.AddDocument("Model0.cs", source, filePath: "Model0.cs");
        var compilation = (await document.Project.GetCompilationAsync())!;
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);

        var actions = new List<CodeAction>();
        var provider = new MakePartialCodeFixProvider();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        var action = Assert.Single(actions);
        var operation = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
        var fixedText = (await operation.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();

        Assert.Equal(source.Replace(testCase.Bad, testCase.Good), fixedText);
        var result = GeneratorHarness.Run(fixedText);
        Assert.Empty(result.GeneratorDiagnostics);
        result.AssertCompilesCleanly();
    }
}
