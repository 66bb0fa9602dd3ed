using Sdl.Generators.Tests.Infrastructure;
using Sdl.Runtime.Models;
using static TorchSharp.torch;

namespace Sdl.Generators.Tests.Runtime;

/// <summary>
/// A new layer kind declared outside the generator (docs/extending.md): a layer attribute marked <c>[LayerRuntime]</c>
/// and its runtime module, nothing else. The generator builds the module with the input width and the attribute's
/// arguments by name, follows the marker's width rule (a resizable embedding included), and reports bad arguments
/// with the built-in diagnostics.
/// </summary>
public class CustomLayerTests
{
    // Three kinds: Gated sets its width (value(x) · squash(gate(x)) · gain), Scale keeps it and may not be tapped, Shift
    // keeps it and may not end a view. Attributes, enum and modules are all the test's own.
    private const string Extension = """
        using Sdl.Dsl;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Extension
        {
            public enum Squash { Sigmoid = 0, Tanh = 1 }

            [LayerRuntime("Extension.GatedLayer", OutputWidth = nameof(Units))]
            [System.AttributeUsage(System.AttributeTargets.Property, AllowMultiple = true)]
            public sealed class GatedAttribute : LayerAttribute
            {
                public GatedAttribute(string name, int units) : base(name) => Units = units;
                public int Units { get; }
                public double Gain { get; set; } = 1;
                public Squash Squash { get; set; }
            }

            public sealed class GatedLayer : nn.Module<Tensor, Tensor>
            {
                private readonly Linear value, gate;
                private readonly double gain;
                private readonly Squash squash;

                public GatedLayer(long inputWidth, long units, double gain = 1, Squash squash = Squash.Sigmoid) : base(nameof(GatedLayer))
                {
                    value = nn.Linear(inputWidth, units);
                    gate = nn.Linear(inputWidth, units);
                    this.gain = gain;
                    this.squash = squash;
                    RegisterComponents();
                }

                public override Tensor forward(Tensor x)
                {
                    var g = gate.call(x);
                    return value.call(x) * (squash == Squash.Tanh ? g.tanh() : g.sigmoid()) * gain;
                }
            }

            [LayerRuntime("Extension.ScaleLayer", Summary = "Scale", CanBeTapped = false)]
            [System.AttributeUsage(System.AttributeTargets.Property, AllowMultiple = true)]
            public sealed class ScaleAttribute : LayerAttribute
            {
                public ScaleAttribute(string name) : base(name) { }
                public double Init { get; set; } = 1;
            }

            public sealed class ScaleLayer : nn.Module<Tensor, Tensor>
            {
                private readonly Parameter weight;

                public ScaleLayer(long inputWidth, double init = 1) : base(nameof(ScaleLayer))
                {
                    weight = nn.Parameter(full(inputWidth, init));
                    RegisterComponents();
                }

                public override Tensor forward(Tensor x) => x * weight;
            }

            [LayerRuntime("Extension.ShiftLayer", CanEndView = false)]
            [System.AttributeUsage(System.AttributeTargets.Property, AllowMultiple = true)]
            public sealed class ShiftAttribute : LayerAttribute
            {
                public ShiftAttribute(string name) : base(name) { }
            }

            public sealed class ShiftLayer : nn.Module<Tensor, Tensor>
            {
                private readonly Parameter bias;

                public ShiftLayer(long inputWidth) : base(nameof(ShiftLayer))
                {
                    bias = nn.Parameter(zeros(inputWidth));
                    RegisterComponents();
                }

                public override Tensor forward(Tensor x) => x + bias;
            }
        }
        """;

    private const string GoodLeft = """
        [View(InputDim = 6)]
        [Shift("shift")]
        [Gated("gate", 4, Gain = 2, Squash = Squash.Tanh)]
        [Decorrelate(Layer = "gate")]
        """;

    private const string GoodRight = """
        [View(InputDim = 5)]
        [Dense("embed", 4)]
        [Scale("scale", Init = 0.5)]
        """;

    private static string Model(string left = GoodLeft, string right = GoodRight) => $$"""
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using Extension;

        namespace Extension.Models
        {
            [MultiViewModel]
            [SoftCca]
            public partial class Gates
            {
        {{left}}
                public partial ViewEncoder Left { get; }

        {{right}}
                public partial ViewEncoder Right { get; }
            }
        }
        """;

    private static System.Reflection.Assembly Compile()
    {
        var result = GeneratorHarness.Run(Extension, Model()).AssertCompilesCleanly();
        return CompiledModels.Load(result.OutputCompilation);
    }

    private static MultiViewModule Create(ModelOptions? options = null) =>
        (MultiViewModule)Compile().GetType("Extension.Models.Gates", throwOnError: true)!.GetConstructor([typeof(ModelOptions)])!.Invoke([options]);

    [Fact]
    public void TheModuleIsBuilt_WithTheInputWidth_AndTheArgumentsByName()
    {
        var generated = GeneratorHarness.Run(Extension, Model()).AssertCompilesCleanly().Sources.Single(s => s.HintName.Contains("Gates")).Source;
        Assert.Contains("internal readonly global::Extension.GatedLayer __sdl_layer_gate;", generated);
        Assert.Contains("this.__sdl_layer_shift = new global::Extension.ShiftLayer(6);", generated);
        // The gate makes the embedding, so its width is the one in force; the scale after the Dense keeps that width.
        Assert.Contains("this.__sdl_layer_gate = new global::Extension.GatedLayer(6, units: __sdl_hyperparameters.EmbeddingSizes[0], gain: 2.0, squash: global::Extension.Squash.Tanh);", generated);
        Assert.Contains("this.__sdl_layer_scale = new global::Extension.ScaleLayer(__sdl_hyperparameters.EmbeddingSizes[1], init: 0.5);", generated);
    }

    [Fact]
    public void TheModelComputesTheLayers_AndTrainsOneStep()
    {
        manual_seed(3);
        using var model = Create();
        Assert.Equal([4L, 4L], model.Info.Views.Select(v => v.EmbeddingSize));
        var inputs = new[] { randn(16, 6), randn(16, 5) };
        var output = model.call(inputs);
        Assert.Equal([16L, 4L], output.Embeddings[0].shape);
        Assert.Equal([16L, 4L], output.Embeddings[1].shape);

        // A float64 reference from the parameters: Left = value(x + b) · tanh(gate(x + b)) · 2, Right = (W x + c) · 0.5.
        var p = model.state_dict().ToDictionary(e => e.Key, e => e.Value.to(float64));
        var x = inputs[0].to(float64) + p["Left.shift.bias"];
        var value = x.matmul(p["Left.gate.value.weight"].t()) + p["Left.gate.value.bias"];
        var gate = x.matmul(p["Left.gate.gate.weight"].t()) + p["Left.gate.gate.bias"];
        Assert.True(allclose(output.Embeddings[0].to(float64), value * gate.tanh() * 2, rtol: 1e-5, atol: 1e-6));
        var right = (inputs[1].to(float64).matmul(p["Right.embed.weight"].t()) + p["Right.embed.bias"]) * p["Right.scale.weight"];
        Assert.Equal(Enumerable.Repeat(0.5, 4), p["Right.scale.weight"].data<double>().ToArray());
        Assert.True(allclose(output.Embeddings[1].to(float64), right, rtol: 1e-5, atol: 1e-6));
        Assert.True(output.Taps.ContainsKey("Left.gate"));

        var before = p["Left.gate.gate.weight"].clone();
        var optimiser = optim.SGD(model.parameters(), 0.1);
        var loss = model.ComputeLoss(output, inputs);
        Assert.Equal(["total", "distance", "sdl(Left.gate)"], loss.ToValues().Keys.ToArray());
        loss.Total.backward();
        optimiser.step();
        var after = model.state_dict()["Left.gate.gate.weight"].to(float64);
        Assert.False(allclose(before, after), "one SGD step should move the gate's weights");
    }

    [Fact]
    public void TheEmbeddingWidth_CanBeSetAtConstruction_ThroughTheLayerThatMakesIt()
    {
        using var model = Create(new ModelOptions { EmbeddingSize = 3 });
        var output = model.call([randn(8, 6), randn(8, 5)]);
        Assert.Equal([8L, 3L], output.Embeddings[0].shape);
        Assert.Equal([3L], model.state_dict()["Right.scale.weight"].shape);
        var summary = model.Summary();
        Assert.Contains("Gated(6 → 3, gain = 2.0, squash = Squash.Tanh)", summary);
        Assert.Contains("Scale(3, init = 0.5)", summary);
        Assert.Contains("ShiftLayer", model.named_modules().Select(m => m.module.GetType().Name));
    }

    [Theory]
    [InlineData("[Gated(\"gate\", 4, Squash = (Squash)7)]", "SDL0037", "Squash of 'Left.gate' = 7 is not a defined Squash value; use one of: Sigmoid, Tanh")]
    [InlineData("[Gated(\"gate\", 0)]", "SDL0010", "Units of 'gate' = 0 is out of range")]
    [InlineData("[Gated(\"gate\", 4)]\n[Shift(\"shift\")]", "SDL0041", "Layer 'shift' of view 'Left' is a [Shift], which cannot end a view's encoder")]
    [InlineData("[Gated(\"gate\", 4)]\n[Scale(\"scale\")]\n[Decorrelate(Layer = \"scale\")]", "SDL0041", "Layer 'scale' of view 'Left' is a [Scale], which cannot be tapped")]
    [InlineData("[Gated(\"gate\", 4)]\n[Gated(\"gate\", 4)]", "SDL0003", "gate")]
    public void BadArguments_AreTheBuiltInDiagnostics(string layers, string id, string text)
    {
        var result = GeneratorHarness.Run(Extension, Model(left: "[View(InputDim = 6)]\n" + layers));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.CompilationProblems.Select(d => d.ToString())); // the skeleton keeps the diagnostic alone
    }

    [Fact]
    public void AnImageInput_IsAShapeMismatch()
    {
        var result = GeneratorHarness.Run(Extension, Model(left: "[View(InputShape = new[] { 1, 4, 4 })]\n[Gated(\"gate\", 4)]"));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SDL0016", diagnostic.Id);
        Assert.Contains("Gated reads a flat input", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
