using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Diagnostics;

public class UnknownLayerTests
{
    private const string Model = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        [MultiViewModel]
        [SoftCca]
        public partial class Halves
        {
            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.ReLU)]
            [Dense("embed", 4)]
            [Decorrelate(Layer = "LAYER")]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
        }
        """;

    [Fact]
    public void UnknownLayer_IsReportedAtTheDecorrelateAttribute()
    {
        var result = GeneratorHarness.Run(Model.Replace("LAYER", "fc2"));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SDL0001", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(10, span.StartLinePosition.Line); // 0-based: the [Decorrelate(...)] line
        Assert.Equal("Decorrelate(Layer = \"fc2\")", Model.Replace("LAYER", "fc2").Split('\n')[10].Substring(span.StartLinePosition.Character, span.EndLinePosition.Character - span.StartLinePosition.Character));
        Assert.Contains("'fc2'", diagnostic.GetMessage());
        Assert.Contains("fc1, embed", diagnostic.GetMessage());
        Assert.Empty(result.CompilationProblems.Select(d => d.ToString())); // the skeleton keeps SDL0001 the only error
    }

    [Fact]
    public void KnownLayer_IsSilent()
    {
        GeneratorHarness.Run(Model.Replace("LAYER", "fc1")).AssertCompilesCleanly();
    }
}
