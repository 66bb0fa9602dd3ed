using Sdl.Generators.Tests.Infrastructure;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;

namespace Sdl.Generators.Tests.Runtime;

/// <summary>
/// A new objective declared outside the generator (docs/extending.md): an attribute marked <c>[ObjectiveRuntime]</c> and
/// a runtime type, nothing else. The generator builds it with one <c>new</c>, passes the attribute's named arguments to
/// its settings record, calls it once in ComputeLoss, and applies the marker's view rules with the built-in diagnostics.
/// </summary>
public class CustomObjectiveTests
{
    // Everything is the extension's own: attribute, settings, enum, runtime type; the runtime's ObjectiveKind is not touched
    // (the model's Info says Custom and names the objective).
    private const string Extension = """
        using System.Collections.Generic;
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using Sdl.Runtime.Objectives;
        using static TorchSharp.torch;

        namespace Extension
        {
            public enum Centre { Mean = 0, Skip = 1 }

            [ObjectiveRuntime("Extension.ScaledDistanceObjective", MinViews = 2, MaxViews = 3, EqualEmbeddings = true)]
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ScaledDistanceAttribute : System.Attribute
            {
                public double Lambda { get; set; } = 0.3;
                public double Scale { get; set; } = 1;
                public Centre Centre { get; set; }
            }

            public sealed record ScaledDistanceSettings : ObjectiveSettings
            {
                public double Scale { get; init; } = 1;
                public Centre Centre { get; init; }
            }

            public sealed class ScaledDistanceObjective : MultiViewObjective
            {
                private readonly SoftCcaDistance distance;
                private readonly double scale;

                public ScaledDistanceObjective(ModelInfo model, IReadOnlyList<long> tapWidths) : base(nameof(ScaledDistanceObjective), model, tapWidths)
                {
                    scale = Settings<ScaledDistanceSettings>().Scale;
                    distance = Add("distance", new SoftCcaDistance());
                }

                protected override IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
                {
                    yield return ("scaled", distance.call(output.Embeddings), scale);
                }
            }
        }
        """;

    private static string Model(string attribute, int views = 2, int rightWidth = 4) => $$"""
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Extension.Models
        {
            [MultiViewModel]
            [{{attribute}}]
            public partial class Scaled
            {
                [View(InputDim = 6)]
                [Dense("embed", 4)]
                [Decorrelate(Layer = "embed")]
                public partial ViewEncoder Left { get; }

                [View(InputDim = 5)]
                [Dense("embed", {{rightWidth}})]
                public partial ViewEncoder Right { get; }
        {{string.Concat(Enumerable.Range(2, views - 2).Select(v => $"\n        [View(InputDim = 3)]\n        [Dense(\"embed\", 4)]\n        public partial ViewEncoder Extra{v} {{ get; }}\n"))}}
            }
        }
        """;

    [Fact]
    public void TheAttributesArguments_ReachTheSettings_AndTheLossIsOneCall()
    {
        var result = GeneratorHarness.Run(Extension, Model("ScaledDistance(Lambda = 0.5, Scale = 2.5, Centre = Centre.Skip)")).AssertCompilesCleanly();
        var generated = result.Sources.Single(s => s.HintName.Contains("Scaled")).Source;
        Assert.Contains("new global::Extension.ScaledDistanceSettings() { Scale = 2.5, Centre = global::Extension.Centre.Skip }", generated);
        Assert.Contains("this.__sdl_objective = new global::Extension.ScaledDistanceObjective(this.Info, new long[] { __sdl_hyperparameters.EmbeddingSizes[0] });", generated);
        Assert.Contains("return this.__sdl_objective.call(output, inputs, labels);", generated);

        using var model = CompiledModels.Create(CompiledModels.Load(result.OutputCompilation), "Extension.Models.Scaled");
        var settings = model.Info.Hyperparameters!.Objective;
        Assert.Equal("ScaledDistanceSettings { Scale = 2.5, Centre = Skip }", settings.ToString());
        Assert.Equal(0.5, model.Info.Hyperparameters.Lambda);

        TorchSharp.torch.manual_seed(7);
        var inputs = new[] { TorchSharp.torch.randn(32, 6), TorchSharp.torch.randn(32, 5) };
        var output = model.call(inputs);
        var terms = model.ComputeLoss(output, inputs).ToValues();
        Assert.Equal(["total", "scaled", "sdl(Left.embed)"], terms.Keys.ToArray());
        double distance = new SoftCcaDistance().call(output.Embeddings).item<float>();
        Assert.Equal(2.5 * distance, terms["scaled"], 4);
        double sdl = new Sdl.Runtime.Losses.StochasticDecorrelationLoss(4).call(output.Taps["Left.embed"]).item<float>();
        Assert.Equal(0.5 * sdl, terms["sdl(Left.embed)"], 4);
        Assert.Contains("sdl_Left_embed.sigma_accu", model.state_dict().Keys);
        Assert.Equal(ObjectiveKind.Custom, model.Info.Objective);
        Assert.Equal("ScaledDistance", model.Info.ObjectiveName);
        Assert.Contains("Scaled: ScaledDistance, Scale = 2.5, Centre = Skip, λ = 0.5", model.Summary());
    }

    [Fact]
    public void UnsetArguments_KeepTheSettingsDefaults()
    {
        var result = GeneratorHarness.Run(Extension, Model("ScaledDistance")).AssertCompilesCleanly();
        using var model = CompiledModels.Create(CompiledModels.Load(result.OutputCompilation), "Extension.Models.Scaled");
        Assert.Equal("ScaledDistanceSettings { Scale = 1, Centre = Mean }", model.Info.Hyperparameters!.Objective.ToString());
    }

    [Theory]
    [InlineData("ScaledDistance", 4, 4, "SDL0006", "2 to 3")]
    [InlineData("ScaledDistance", 2, 5, "SDL0007", "Right")]
    [InlineData("ScaledDistance(Centre = (Centre)7)", 2, 4, "SDL0037", "Centre of [ScaledDistance] = 7 is not a defined Centre value; use one of: Mean, Skip")]
    [InlineData("ScaledDistance(Lambda = -1)", 2, 4, "SDL0009", "Lambda of [ScaledDistance]")]
    public void TheMarkersRules_AreTheBuiltInDiagnostics(string attribute, int views, int rightWidth, string id, string text)
    {
        var diagnostic = GeneratorHarness.Run(Extension, Model(attribute, views, rightWidth)).GeneratorDiagnostics.Single();
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OptionsOfABuiltInObjective_AreRefused()
    {
        var result = GeneratorHarness.Run(Extension, Model("ScaledDistance")).AssertCompilesCleanly();
        var type = CompiledModels.Load(result.OutputCompilation).GetType("Extension.Models.Scaled", throwOnError: true)!;
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => type.GetConstructor([typeof(ModelOptions)])!.Invoke([new ModelOptions { Objective = new DccaOptions() }])).InnerException!;
        Assert.Contains("Model 'Scaled' has the objective ScaledDistance, which cannot take DccaOptions", error.Message);
    }
}
