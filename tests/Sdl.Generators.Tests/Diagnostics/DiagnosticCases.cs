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
        new("SDL0001", Model(left: """
            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.ReLU)]
            [Dense("embed", 4)]
            [{|Decorrelate(Layer = "fc2")|}]
            public partial ViewEncoder Left { get; }
            """), "\"fc2\"", "\"fc1\"", "has no layer of that name; use one of: fc1, embed"),
        new("SDL0001", Model(extra: Encoder("fc2.call(fc1.call(input))"), left: CustomLeft.Replace("[Decorrelate(Layer = \"TAP\")]", "[{|Decorrelate(Layer = \"fc3\")|}]")),
            "\"fc3\"", "\"fc2\"", "has no module field in 'TapEncoder' of that name; use one of: fc1, fc2"),
        new("SDL0002", Model(declaration: "public class {|M|}"), "public class M", "public partial class M", "must be declared 'partial'"),
        new("SDL0003", Model(right: """
            [View(InputDim = 8)]
            [Dense("embed", 8)]
            [{|Dense("embed", 4)|}]
            public partial ViewEncoder Right { get; }
            """), "[Dense(\"embed\", 8)]", "[Dense(\"hidden\", 8)]", "already has a layer named 'embed'"),
        new("SDL0004", Model(objective: "").Replace("[MultiViewModel]", "[{|MultiViewModel|}]"), "[MultiViewModel]", "[MultiViewModel]\n[SoftCca]", "declares no objective"),
        new("SDL0005", Model(objective: "[SoftCca]\n[{|Dcca|}]"), "[Dcca]", "", "already declares the objective [SoftCca]; remove [Dcca]"),
        new("SDL0006", Model(objective: "[{|Dcca|}]", right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }

            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public partial ViewEncoder Third { get; }
            """), "    [View(InputDim = 8)]\n    [Dense(\"embed\", 4)]\n    public partial ViewEncoder Third { get; }", "", "[Dcca] needs exactly 2 view(s), but model 'M' declares 3"),
        new("SDL0007", Model(right: """
            [{|View(InputDim = 8)|}]
            [Dense("embed", 5)]
            public partial ViewEncoder Right { get; }
            """), "[Dense(\"embed\", 5)]", "[Dense(\"embed\", 4)]", "view 'Left' ends with 4 features but view 'Right' with 5"),
        new("SDL0008", Model(left: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            [{|Decorrelate(Layer = "embed", Alpha = 1f)|}]
            public partial ViewEncoder Left { get; }
            """), "Alpha = 1f", "Alpha = 0.99f", "Alpha = 1 on the tap 'Left.embed' is outside [0, 1)"),
        new("SDL0009", Model(objective: "[{|SoftCca(Lambda = -0.5f)|}]"), "-0.5f", "0.5f", "Lambda of [SoftCca] = -0.5 is negative"),
        new("SDL0010", Model(right: """
            [{|View(InputDim = 0)|}]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
            """), "InputDim = 0", "InputDim = 3", "InputDim of view 'Right' = 0 is invalid"),
        new("SDL0011", Model(extra: Encoder("fc2.call(fc1.call(input)) * scale"), left: CustomLeft.Replace("[Decorrelate(Layer = \"TAP\")]", "[{|Decorrelate(Layer = \"scale\")|}]")),
            "\"scale\"", "\"fc1\"", "Field 'scale' of the custom encoder 'TapEncoder' has type 'TorchSharp.torch.Tensor'"),
        new("SDL0012", Model(extra: Encoder("fc2.call({|fc1.forward(input)|})"), left: CustomLeft.Replace("TAP", "fc1")),
            "fc1.forward(input)", "fc1.call(input)", "call fc1.call(...) instead"),
        new("SDL0013", Model(objective: "[{|Dcca(BatchSize = 6)|}]"), "BatchSize = 6", "BatchSize = 64", "View 'Left' embeds into 4 features but the batch size is 6"),
        new("SDL0014", Model(right: """
            [View(InputDim = 8)]
            [Dense("embed", 4)]
            public ViewEncoder {|Right|} { get; }
            """), "public ViewEncoder Right", "public partial ViewEncoder Right", "must be declared 'partial' with only a getter"),
        new("SDL0015", Model(right: """
            [{|View(InputDim = 8)|}]
            public partial ViewEncoder Right { get; }
            """), "[View(InputDim = 8)]\n    public partial ViewEncoder Right", "[View(InputDim = 8)]\n    [Dense(\"embed\", 4)]\n    public partial ViewEncoder Right", "it declares no layers"),
        new("SDL0016", Model(right: """
            [View(InputShape = new[] { 1, 4, 4 })]
            [Conv2d("conv", 2, 3)]
            [{|Dense("embed", 4)|}]
            public partial ViewEncoder Right { get; }
            """), "[Conv2d(\"conv\", 2, 3)]", "[Conv2d(\"conv\", 2, 3)]\n    [Flatten(\"flat\")]", "Layer 'embed' of view 'Right' receives shape [2, 2, 2] per sample, but Dense reads a flat input"),
        new("SDL0017", Model(objective: "[Supervised(Classes = 3)]", left: """
            [{|View(InputDim = 8)|}]
            [Dense("hidden", 16, Activation.ReLU)]
            [Dense("logits", 4)]
            public partial ViewEncoder Left { get; }
            """, right: ""), "Classes = 3", "Classes = 4", "its last layer outputs 4 logits but [Supervised] declares Classes = 3"),
        new("SDL0018", Model(right: """
            [View(InputShape = new[] { 1, 4, 4 })]
            [Conv2d("conv", 2, 3)]
            [Flatten("flat")]
            [Dense("embed", 4)]
            [{|Decorrelate(Layer = "conv")|}]
            public partial ViewEncoder Right { get; }
            """), "Layer = \"conv\"", "Layer = \"flat\"", "Layer 'conv' of view 'Right' outputs shape [2, 2, 2] per sample"),
        new("SDL0019", Model(right: """
            [View(InputDim = 8)]
            [{|Dense("my-embed", 4)|}]
            public partial ViewEncoder Right { get; }
            """), "my-embed", "my_embed", "Layer name 'my-embed' is not a valid C# identifier"),
        new("SDL0020", Model(extra: Encoder("fc2.call(fc1.call(input))", "public TapEncoder(int unused)"), left: CustomLeft.Replace("TAP", "fc2").Replace("[View(InputDim = 8)]", "[{|View(InputDim = 8)|}]")),
            "public TapEncoder(int unused)", "public TapEncoder()", "needs a public parameterless constructor"),
        new("SDL0021", Model(declaration: "public partial class M : {|System.Exception|}"), " : System.Exception", "", "derives from 'System.Exception'"),
    ];
}
