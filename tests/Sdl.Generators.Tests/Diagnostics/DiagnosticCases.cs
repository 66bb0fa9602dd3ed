namespace Sdl.Generators.Tests.Diagnostics;

/// <summary>
/// One bad case per diagnostic (the expected span marked with {| |}) and the edit that turns it into the nearest
/// good case, on which the generator must stay silent and the output must compile cleanly.
/// </summary>
public sealed record DiagnosticCase(string Id, string Marked, string Bad, string Good, string MessagePart)
{
    public override string ToString() => Id;
}

public static class DiagnosticCases
{
    private const string Usings = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        """;

    /// <summary>A two-view Soft CCA model; each argument replaces one part.</summary>
    private static string Model(
        string objective = "[SoftCca]",
        string declaration = "public partial class M",
        string left = """
            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.ReLU)]
            [Dense("embed", 4)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }
            """,
        string right = """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
            """,
        string extra = "") =>
        Usings + extra + $$"""

        [MultiViewModel]
        {{objective}}
        {{declaration}}
        {
        {{Indent(left)}}

        {{Indent(right)}}
        }
        """;

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : "    " + l));

    private static string Encoder(string body, string constructor = "public TapEncoder()") => $$"""
        public sealed class TapEncoder : nn.Module<Tensor, Tensor>
        {
            private readonly Linear fc1;
            private readonly Linear fc2;
            private readonly Tensor scale;

            {{constructor}} : base(nameof(TapEncoder))
            {
                fc1 = nn.Linear(8, 16);
                fc2 = nn.Linear(16, 4);
                scale = ones(4);
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => {{body}};
        }

        """;

    private const string CustomLeft = """
        [View(InputDim = 8)]
        [Decorrelate(Layer = "TAP")]
        public partial TapEncoder Left { get; }
        """;

    public static IEnumerable<DiagnosticCase> All =>
    [
        new DiagnosticCase("SDL0001", Model(left: """
            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.ReLU)]
            [Dense("embed", 4)]
            [{|Decorrelate(Layer = "fc2")|}]
            public partial ViewEncoder Left { get; }
            """), "\"fc2\"", "\"fc1\"", "has no layer of that name; use one of: fc1, embed"),
        new DiagnosticCase("SDL0026", Model(extra: Encoder("fc2.call(fc1.call(input))"), left: CustomLeft.Replace("[Decorrelate(Layer = \"TAP\")]", "[{|Decorrelate(Layer = \"fc3\")|}]")),
            "\"fc3\"", "\"fc2\"", "the custom encoder 'TapEncoder' of view 'Left' has no field of that name; use one of its module fields: fc1, fc2"),
        new DiagnosticCase("SDL0002", Model(declaration: "public class {|M|}"), "public class M", "public partial class M", "must be declared 'partial'"),
        new DiagnosticCase("SDL0003", Model(right: """
            [View(InputDim = 8)]
            [Dense("embed", 8)]
            [{|Dense("embed", 4)|}]
            public partial ViewEncoder Right { get; }
            """), "[Dense(\"embed\", 8)]", "[Dense(\"hidden\", 8)]", "already has a layer named 'embed'"),
        new DiagnosticCase("SDL0004", Model(objective: "").Replace("[MultiViewModel]", "[{|MultiViewModel|}]"), "[MultiViewModel]", "[MultiViewModel]\n[SoftCca]", "declares no objective"),
        new DiagnosticCase("SDL0005", Model(objective: "[SoftCca]\n[{|Dcca|}]"), "[Dcca]", "", "already declares the objective [SoftCca]; remove [Dcca]"),
        new DiagnosticCase("SDL0006", Model(objective: "[{|Dcca|}]", right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }

            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Third { get; }
            """), "    [View(InputDim = 8)]\n    [Dense(\"embed\", 4)]\n    public partial ViewEncoder Third { get; }", "", "[Dcca] needs exactly 2 view(s), but model 'M' declares 3"),
        new DiagnosticCase("SDL0007", Model(right: """
            [{|View(InputDim = 8)|}]
            [Dense("embed", 5)]
            public partial ViewEncoder Right { get; }
            """), "[Dense(\"embed\", 5)]", "[Dense(\"embed\", 4)]", "view 'Left' ends with 4 features but view 'Right' with 5"),
        new DiagnosticCase("SDL0008", Model(left: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            [{|Decorrelate(Layer = "embed", Alpha = 1)|}]
            public partial ViewEncoder Left { get; }
            """), "Alpha = 1", "Alpha = 0.99", "Alpha = 1 on the tap 'Left.embed' is outside [0, 1)"),
        new DiagnosticCase("SDL0009", Model(objective: "[{|SoftCca(Lambda = -0.5)|}]"), "-0.5", "0.5", "Lambda of [SoftCca] = -0.5 is not a finite number >= 0"),
        new DiagnosticCase("SDL0010", Model(right: """
            [{|View(InputDim = 0)|}]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
            """), "InputDim = 0", "InputDim = 3", "InputDim of view 'Right' = 0 is out of range"),
        new DiagnosticCase("SDL0011", Model(extra: Encoder("fc2.call(fc1.call(input)) * scale"), left: CustomLeft.Replace("[Decorrelate(Layer = \"TAP\")]", "[{|Decorrelate(Layer = \"scale\")|}]")),
            "\"scale\"", "\"fc1\"", "Field 'scale' of the custom encoder 'TapEncoder' has type 'TorchSharp.torch.Tensor'"),
        new DiagnosticCase("SDL0012", Model(extra: Encoder("fc2.call({|fc1.forward(input)|})"), left: CustomLeft.Replace("TAP", "fc1")),
            "fc1.forward(input)", "fc1.call(input)", "call fc1.call(...) instead"),
        new DiagnosticCase("SDL0013", Model(objective: "[{|Dcca(BatchSize = 6)|}]"), "BatchSize = 6", "BatchSize = 64", "View 'Left' embeds into 4 features but the batch size is 6"),
        new DiagnosticCase("SDL0014", Model(right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public ViewEncoder {|Right|} { get; }
            """), "public ViewEncoder Right", "public partial ViewEncoder Right", "must be declared 'partial' with only a getter"),
        new DiagnosticCase("SDL0028", Model(right: """
            [{|View(InputDim = 8)|}]
            public partial ViewEncoder Right { get; }
            """), "[View(InputDim = 8)]\n    public partial ViewEncoder Right", "[View(InputDim = 8)]\n    [Dense(\"embed\", 4)]\n    public partial ViewEncoder Right", "is a ViewEncoder but declares no layers"),
        new DiagnosticCase("SDL0016", Model(right: """
            [View(InputShape = new[] { 1, 4, 4 })]
            [Conv2d("conv", 2, 3)]
            [{|Dense("embed", 4)|}]
            public partial ViewEncoder Right { get; }
            """), "[Conv2d(\"conv\", 2, 3)]", "[Conv2d(\"conv\", 2, 3)]\n    [Flatten(\"flat\")]", "Layer 'embed' of view 'Right' receives shape [2, 2, 2] per sample, but Dense reads a flat input"),
        new DiagnosticCase("SDL0031", Model(objective: "[Supervised(Classes = 3)]", left: """
            [{|View(InputDim = 8)|}]
            [Dense("hidden", 16, Activation.ReLU)]
            [Dense("logits", 4)]
            public partial ViewEncoder Left { get; }
            """, right: ""), "Classes = 3", "Classes = 4", "View 'Left' ends with 4 outputs but [Supervised] declares Classes = 3"),
        new DiagnosticCase("SDL0018", Model(right: """
            [View(InputShape = new[] { 1, 4, 4 })]
            [Conv2d("conv", 2, 3)]
            [Flatten("flat")]
            [Dense("embed", 4)]
            [{|Decorrelate(Layer = "conv")|}]
            public partial ViewEncoder Right { get; }
            """), "Layer = \"conv\"", "Layer = \"flat\"", "Layer 'conv' of view 'Right' outputs shape [2, 2, 2] per sample"),
        new DiagnosticCase("SDL0019", Model(right: """
            [View(InputDim = 8)]
            [{|Dense("my-embed", 4)|}]
            public partial ViewEncoder Right { get; }
            """), "my-embed", "my_embed", "Layer name 'my-embed' is not a valid C# identifier"),
        new DiagnosticCase("SDL0020", Model(extra: Encoder("fc2.call(fc1.call(input))", "public TapEncoder(int unused)"), left: CustomLeft.Replace("TAP", "fc2").Replace("[View(InputDim = 8)]", "[{|View(InputDim = 8)|}]")),
            "public TapEncoder(int unused)", "public TapEncoder()", "needs a public parameterless constructor"),
        new DiagnosticCase("SDL0021", Model(declaration: "public partial class M : {|System.Exception|}"), " : System.Exception", "", "derives from 'System.Exception'"),
        new DiagnosticCase("SDL0015", Model(right: """
            [{|View(InputDim = 8)|}]
            [Dense("embed", 4)]
            public partial string Right { get; }
            """), "public partial string Right", "public partial ViewEncoder Right", "View 'Right' has type 'string', which is neither"),
        new DiagnosticCase("SDL0017", Model(right: """
            [View(InputShape = new[] { 1, 4, 4 })]
            [Conv2d("conv", 2, 3)]
            [{|Flatten("flat")|}]
            [Reshape("back", 2, 2, 2)]
            public partial ViewEncoder Right { get; }
            """).Replace("[{|Flatten(\"flat\")|}]\n    [Reshape(\"back\", 2, 2, 2)]", "[Flatten(\"flat\")]\n    [{|Reshape(\"back\", 2, 2, 2)|}]"),
            "[Reshape(\"back\", 2, 2, 2)]", "[Dense(\"embed\", 4)]", "The last encoder layer of view 'Right' outputs [2, 2, 2] per sample"),
        new DiagnosticCase("SDL0022", Model(right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder {|Summary|} { get; }
            """), "ViewEncoder Summary", "ViewEncoder Right", "View 'Summary' has the name of the member 'Summary' that the model inherits"),
        new DiagnosticCase("SDL0023", Model(declaration: "public partial record {|M|}"), "public partial record M", "public partial class M", "'M' is a record"),
        new DiagnosticCase("SDL0024", Model(declaration: "public partial class M", right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }

            public {|M|}() { }
            """), "    public M() { }", "", "Model 'M' declares a constructor"),
        new DiagnosticCase("SDL0025", Model(left: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            [Decorrelate(Layer = "embed")]
            [{|Decorrelate(Layer = "embed", Alpha = 0.9)|}]
            public partial ViewEncoder Left { get; }
            """), "    [Decorrelate(Layer = \"embed\", Alpha = 0.9)]\n", "", "Layer 'embed' of view 'Left' is already tapped"),
        new DiagnosticCase("SDL0027", Model(left: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            [{|Dropout("drop", float.NaN)|}]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }
            """), "float.NaN", "0.25f", "The drop probability of 'Left.drop' is NaN"),
        new DiagnosticCase("SDL0029", Model(extra: Encoder("fc2.call(fc1.call(input))"), left: CustomLeft.Replace("TAP", "fc2").Replace("[View(InputDim = 8)]", "[View(InputDim = 8)]\n[{|Dense(\"extra\", 4)|}]")),
            "[Dense(\"extra\", 4)]", "", "View 'Left' uses the custom encoder 'TapEncoder', which takes no layer attributes"),
        new DiagnosticCase("SDL0030", Model(objective: "[Fae(Shared = 2, Private = 2)]", extra: Encoder("fc2.call(fc1.call(input))"), left: CustomLeft.Replace("TAP", "fc2").Replace("[View(InputDim = 8)]", "[{|View(InputDim = 8)|}]"), right: FaeRight),
            "[Fae(Shared = 2, Private = 2)]", "[SoftCca]", "[Fae] needs declared encoder and decoder layers"),
        new DiagnosticCase("SDL0032", Model(objective: "[Fae(Shared = 2, Private = 2)]", left: FaeLeft.Replace("[View(InputDim = 8)]", "[{|View(InputDim = 8)|}]").Replace("[Dense(\"latent\", 4)]", "[Dense(\"latent\", 5)]"), right: FaeRight),
            "[Dense(\"latent\", 5)]", "[Dense(\"latent\", 4)]", "The encoder of view 'Left' ends with 5 features but [Fae] needs a latent of Shared + Private = 4"),
        new DiagnosticCase("SDL0033", Model(objective: "[Fae(Shared = 2, Private = 2)]", left: FaeLeft.Replace("[View(InputDim = 8)]", "[{|View(InputDim = 8)|}]").Replace("[Dense(\"dec\", 8, Decoder = true)]\n", ""), right: FaeRight),
            "[Dense(\"latent\", 4)]\n    public", "[Dense(\"latent\", 4)]\n    [Dense(\"dec\", 8, Decoder = true)]\n    public", "View 'Left' has no decoder layers"),
        new DiagnosticCase("SDL0034", Model(objective: "[Fae(Shared = 2, Private = 2)]", left: FaeLeft.Replace("[View(InputDim = 8)]", "[{|View(InputDim = 8)|}]").Replace("[Dense(\"dec\", 8, Decoder = true)]", "[Dense(\"dec\", 7, Decoder = true)]"), right: FaeRight),
            "[Dense(\"dec\", 7, Decoder = true)]", "[Dense(\"dec\", 8, Decoder = true)]", "The decoder of view 'Left' ends with [7] (7 values) but the input has 8"),
        new DiagnosticCase("SDL0035", Model(right: """
            [{|View(SameAs = "Lft")|}]
            public partial ViewEncoder Right { get; }
            """), "SameAs = \"Lft\"", "SameAs = \"Left\"", "View 'Right' has SameAs = \"Lft\", which is not another ViewEncoder view"),
        new DiagnosticCase("SDL0036", Model(right: """
            [View(SameAs = "Left")]
            [{|Dense("extra", 4)|}]
            public partial ViewEncoder Right { get; }
            """), "    [Dense(\"extra\", 4)]\n", "", "View 'Right' repeats the layers of 'Left' (SameAs) and declares layers of its own"),
        new DiagnosticCase("SDL0037", Model(right: """
            [View(InputDim = 8)]
            [Dense("hidden", 8, Activation.Tanh)]
            [{|Dense("embed", 4, (Activation)42)|}]
            public partial ViewEncoder Right { get; }
            """), "(Activation)42", "Activation.GELU", "The activation of 'Right.embed' = 42 is not a defined Activation value; use one of: None, ReLU, Tanh, Sigmoid, GELU, LeakyReLU, ELU"),
        new DiagnosticCase("SDL0038", Model(right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }

            private void {|OnCreated|}() { }
            """), "private void OnCreated()", "partial void OnCreated()", "Model 'M' declares 'OnCreated', which the generator writes; implement the hook as 'partial void OnCreated() { ... }'"),
        new DiagnosticCase("SDL0039", Model(right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }

            public partial ViewEncoder {|Third|} { get; }
            """), "    public partial ViewEncoder Third { get; }\n", "", "The partial property 'Third' of model 'M' has no [View] attribute"),
        new DiagnosticCase("SDL0040", Model(objective: "[{|Dcca(EigenvalueFloor = 0)|}]"), "EigenvalueFloor = 0", "EigenvalueFloor = 1e-12", "EigenvalueFloor of [Dcca] = 0 is not a finite number > 0"),
        new DiagnosticCase("SDL0041", Model(extra: ShiftKind, left: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            [{|Shift("shift")|}]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }
            """), "[Shift(\"shift\")]", "[Shift(\"shift\")]\n    [Dense(\"out\", 4)]", "Layer 'shift' of view 'Left' is a [Shift], which cannot end a view's encoder"),
    ];

    /// <summary>A new layer kind (docs/extending.md) that keeps its input's width and may not end a view.</summary>
    private const string ShiftKind = """
        [LayerRuntime("ShiftLayer", CanEndView = false)]
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

        """;

    private const string FaeLeft = """
        [View(InputDim = 8)]
        [Dense("latent", 4)]
        [Dense("dec", 8, Decoder = true)]
        public partial ViewEncoder Left { get; }
        """;

    private const string FaeRight = """
        [View(InputDim = 8)]
        [Dense("latent", 4)]
        [Dense("dec", 8, Decoder = true)]
        public partial ViewEncoder Right { get; }
        """;
}
