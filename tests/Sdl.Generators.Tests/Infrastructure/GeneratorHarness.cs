using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sdl.Generators;

namespace Sdl.Generators.Tests.Infrastructure;

/// <summary>
/// Runs the generator over a real compilation (the .NET 10 reference assemblies, TorchSharp, Sdl.Runtime
/// and Sdl.Dsl) and returns what a user's build would see: generated files, generator diagnostics, and
/// the diagnostics of the compilation that includes the generated code.
/// </summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Sdl.Runtime.Models.MultiViewModule).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Sdl.Dsl.MultiViewModelAttribute).Assembly.Location),
    ];

    /// <summary>The global usings the .NET SDK adds to a console or library project with ImplicitUsings enabled.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            // The .NET SDK suppresses these two binding-redirect notes in every project (TorchSharp targets net8.0); so does a user's build.
            .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "UserModels",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs"))
                .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "ImplicitUsings.g.cs")),
            References,
            CompilationOptions);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new MultiViewModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GenerationResult Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        return new GenerationResult(
            result.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToList(),
            generatorDiagnostics,
            output);
    }
}

/// <summary>What one generator run produced.</summary>
public sealed record GenerationResult(
    IReadOnlyList<(string HintName, string Source)> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    Compilation OutputCompilation)
{
    /// <summary>Errors and warnings of the user's compilation with the generated code in it.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Fails with every problem listed when the generated code does not compile cleanly.</summary>
    public GenerationResult AssertCompilesCleanly()
    {
        var problems = GeneratorDiagnostics.Concat(CompilationProblems).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, "Expected no errors or warnings, got:\n" + string.Join("\n", problems));
        return this;
    }
}
