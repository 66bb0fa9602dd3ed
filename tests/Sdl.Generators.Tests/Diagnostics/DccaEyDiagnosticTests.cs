using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Diagnostics;

/// <summary>[DccaEy] needs two or more views with embeddings of one width, like Soft CCA.</summary>
public class DccaEyDiagnosticTests
{
    private static string Model(string rightWidth, bool withRight = true) => $$"""
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        [MultiViewModel]
        [DccaEy(Penalty = EyPenalty.IndependentHalves)]
        public partial class Ey
        {
            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.ReLU)]
            [Dense("embed", 4)]
            public partial ViewEncoder Left { get; }
        {{(withRight ? $$"""

            [View(InputDim = 6)]
            [Dense("embed", {{rightWidth}})]
            public partial ViewEncoder Right { get; }
        """ : "")}}
        }
        """;

    [Fact]
    public void EqualWidths_CompileCleanly() => GeneratorHarness.Run(Model("4")).AssertCompilesCleanly();

    [Fact]
    public void DifferentWidths_AreReportedAtTheSecondView()
    {
        var result = GeneratorHarness.Run(Model("5"));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SDL0007", diagnostic.Id);
        Assert.Contains("DccaEy", diagnostic.GetMessage());
        Assert.Contains("Right", diagnostic.GetMessage());
    }

    [Fact]
    public void OneView_IsReportedAtTheObjective()
    {
        var source = Model("4", withRight: false);
        var diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("SDL0006", diagnostic.Id);
        Assert.Contains("at least 2", diagnostic.GetMessage());
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line); // the [DccaEy(...)] line
    }
}
