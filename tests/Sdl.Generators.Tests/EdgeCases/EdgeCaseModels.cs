namespace Sdl.Generators.Tests.EdgeCases;

/// <summary>
/// One model definition a user could write. A good one (<see cref="Id"/> null) must compile with no diagnostic and no
/// warning, with XML documentation checked; a bad one must yield exactly the diagnostic <see cref="Id"/> on the line
/// marked <c>//!</c> and no other error or warning anywhere (no cascade). <see cref="CompilerError"/> names the
/// compiler's own error when that, and not an SDL diagnostic, is the right answer (a non-constant argument).
/// </summary>
public sealed record EdgeCase(string Name, string Source, string? Id = null, string? CompilerError = null)
{
    public override string ToString() => Name;

    /// <summary>1-based line of the <c>//!</c> mark.</summary>
    public int MarkedLine => Source.Split('\n').ToList().FindIndex(l => l.Contains("//!", StringComparison.Ordinal)) + 1;
}

public static class EdgeCaseModels
{
    private const string Header = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Edge;

        """;

    /// <summary>Uses the model as a user's program would, so that a cascade (CS1061, CS1729, ...) would show up.</summary>
    private const string Usage = """

        /// <summary>A user of the model.</summary>
        public static class Usage
        {
            /// <summary>Creates and inspects the model.</summary>
            public static string Use()
            {
                var model = new M();
                var tuned = new M(new ModelOptions { Lambda = 0.1 });
                return model.Info.Name + tuned.Summary() + model.Left.GetName();
            }
        }
        """;

    private const string DefaultLeft = """
        [View(InputDim = 8)]
        [Dense("fc1", 16, Activation.ReLU)]
        [Dense("embed", 4)]
        [Decorrelate(Layer = "embed")]
        """;

    private const string DefaultRight = """
        [View(InputDim = 6)]
        [Dense("embed", 4)]
        """;

    /// <summary>A documented two-view model; each argument replaces one part.</summary>
    public static string Model(
        string objective = "[SoftCca]",
        string declaration = "public partial class M",
        string left = DefaultLeft,
        string right = DefaultRight,
        string leftName = "Left",
        string rightName = "Right",
        string members = "",
        string outside = "",
        bool usage = true) =>
        Header + outside + $$"""

        /// <summary>A model.</summary>
        [MultiViewModel]
        {{objective}}
        {{declaration}}
        {
        {{Indent(members)}}
            /// <summary>First view.</summary>
        {{Indent(left)}}
            public partial ViewEncoder {{leftName}} { get; }

            /// <summary>Second view.</summary>
        {{Indent(right)}}
            public partial ViewEncoder {{rightName}} { get; }
        }
        """ + (usage ? Usage : "");

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : "    " + l));

    private static string Left(string layers, string decorrelate = "") => "[View(InputDim = 8)]\n" + layers + (decorrelate.Length > 0 ? "\n" + decorrelate : "");

    private static EdgeCase LayerNamed(string name) => new($"Layer named {name}", Model(left: Left($"[Dense(\"{name}\", 16, Activation.ReLU)]\n[Dense(\"embed\", 4)]", $"[Decorrelate(Layer = \"{name}\")]")));

    private static EdgeCase ViewNamed(string name, bool usage = false) => new($"View named {name}", Model(leftName: name, usage: usage));

    private static string Image(string layers, string decorrelate = "") => "[View(InputShape = new[] { 1, 6, 6 })]\n" + layers + (decorrelate.Length > 0 ? "\n" + decorrelate : "");

    public static IEnumerable<EdgeCase> Good()
    {
        // Names: every identifier works, including those of the generated code's own members, parameters and locals
        // and of TorchSharp's Module members.
        foreach (var name in new[] { "x", "input", "taps", "latent", "Encode", "Decode", "forward", "training", "train", "eval", "Dispose",
                     "RegisterComponents", "register_buffer", "named_children", "parameters", "state_dict", "Left", "LeftEncoder", "device", "options",
                     "@class", "var", "_", "__sdl_x" })
            yield return LayerNamed(name.TrimStart('@') == "class" ? "class" : name);
        foreach (var name in new[] { "inputs", "taps", "output", "labels", "device", "options", "distance", "x", "leftEncoder", "@class", "@event", "OnCreated2", "Encoder" })
            yield return ViewNamed(name);
        yield return new("Views differing only in case", Model(leftName: "a", rightName: "A", usage: false));
        yield return new("Views whose tap component names would collide", Model(leftName: "A_b", rightName: "A",
            left: Left("[Dense(\"c\", 4)]", "[Decorrelate(Layer = \"c\")]"), right: "[View(InputDim = 6)]\n[Dense(\"b_c\", 4)]\n[Decorrelate(Layer = \"b_c\")]", usage: false));

        // Shapes TorchSharp accepts.
        yield return new("Conv2d that fits with padding", Model(left: Image("[Conv2d(\"conv\", 2, 7, Padding = 1)]\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]")));
        yield return new("Conv2d with stride on odd input", Model(left: Image("[Conv2d(\"conv\", 2, 3, Stride = 2)]\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]")));
        yield return new("MaxPool2d on odd input", Model(left: "[View(InputShape = new[] { 1, 5, 5 })]\n[MaxPool2d(\"pool\", 2)]\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]"));
        yield return new("MaxPool2d window equal to the input", Model(left: Image("[MaxPool2d(\"pool\", 6)]\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]")));
        yield return new("Reshape then Conv2d", Model(left: "[View(InputDim = 36)]\n[Reshape(\"img\", 1, 6, 6)]\n[Conv2d(\"conv\", 2, 3)]\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]"));
        yield return new("Embedding followed by BatchNorm and Dropout", Model(left: Left("[Dense(\"embed\", 4)]\n[BatchNorm(\"bn\")]\n[Dropout(\"drop\", 0.1f)]", "[Decorrelate(Layer = \"drop\")]")));

        // Class shapes.
        yield return new("Generic model", Model(declaration: "public partial class M<T>", usage: false));
        yield return new("Generic model with constraint", Model(declaration: "public partial class M<TItem> where TItem : class", usage: false));
        yield return new("Model nested in a generic class", Model(declaration: "public partial class M", usage: false)
            .WithOuter("/// <summary>Outer.</summary>\npublic partial class Outer<T>\n{", "}"));
        yield return new("Model nested in a record", Model(usage: false).WithOuter("/// <summary>Outer.</summary>\npublic partial record Outer\n{", "}"));
        yield return new("Model nested in a struct", Model(usage: false).WithOuter("/// <summary>Outer.</summary>\npublic partial struct Outer\n{", "}"));
        yield return new("Internal sealed model", Model(declaration: "internal sealed partial class M", usage: false));
        yield return new("Model in the global namespace", Model().Replace("namespace Edge;", ""));
        yield return new("User set-up hook", Model(members: "/// <summary>Set-up count.</summary>\npublic int SetUps { get; private set; }\n\npartial void OnCreated() => SetUps++;\n"));
        yield return new("Model with a static constructor", Model(members: "static M() { }\n"));
        yield return new("Model named like a keyword", Model(declaration: "public partial class @event", usage: false));

        // Names the generated code refers to by type.
        yield return new("Model named Tensor", Model(declaration: "public partial class Tensor", usage: false));
        yield return new("Model named MultiViewModule", Model(declaration: "public partial class MultiViewModule", usage: false));
        yield return new("Model in a namespace named System", Model(usage: false).Replace("namespace Edge;", "namespace Edge.System;"));
        yield return ViewNamed("Tensor");
        yield return new("Internal view property", Model(usage: false).Replace("public partial ViewEncoder Right", "internal partial ViewEncoder Right"));
        yield return new("Nullable view property", Model(usage: false).Replace("public partial ViewEncoder Right { get; }", "public partial ViewEncoder? Right { get; }"));

        // One view repeating another's layers.
        yield return new("SameAs view", Model(right: "[View(SameAs = \"Left\")]\n[Decorrelate(Layer = \"embed\")]"));
        yield return new("SameAs view with its own input size", Model(right: "[View(InputDim = 6, SameAs = \"Left\")]"));

        // Objectives and settings.
        yield return new("DCCA-EY", Model(objective: "[DccaEy(Penalty = EyPenalty.SameBatch)]"));
        yield return new("SDL L1 norm", Model(left: Left("[Dense(\"embed\", 4)]", "[Decorrelate(Layer = \"embed\", Norm = SdlNorm.L1)]")));
        yield return new("Exact DCCA", Model(objective: "[Dcca(TopK = 2)]"));
        yield return new("DeCov and None taps", Model(left: Left("[Dense(\"fc1\", 8)]\n[Dense(\"embed\", 4)]", "[Decorrelate(Layer = \"fc1\", Method = DecorrelationMethod.DeCov)]\n[Decorrelate(Layer = \"embed\", Method = DecorrelationMethod.None)]")));
        yield return new("Alpha zero and weight zero", Model(left: Left("[Dense(\"embed\", 4)]", "[Decorrelate(Layer = \"embed\", Alpha = 0, Weight = 0)]")));
    }

    public static IEnumerable<EdgeCase> Bad()
    {
        // Names the user's own declaration takes from the base class.
        foreach (var name in new[] { "Info", "Summary", "ComputeLoss", "training", "train" })
            yield return new($"View named {name}", Model(leftName: name, usage: false).Replace($"ViewEncoder {name} {{ get; }}", $"ViewEncoder {name} {{ get; }} //!"), "SDL0022");
        yield return new("Layer name not an identifier", Model(left: Left("[Dense(\"fc 1\", 4)] //!")), "SDL0019");

        // Non-finite numbers.
        string Tap(string arguments) => Left("[Dense(\"embed\", 4)]", $"[Decorrelate(Layer = \"embed\", {arguments})] //!");
        yield return new("Alpha NaN", Model(left: Tap("Alpha = float.NaN")), "SDL0008");
        yield return new("Alpha +inf", Model(left: Tap("Alpha = float.PositiveInfinity")), "SDL0008");
        yield return new("Alpha one", Model(left: Tap("Alpha = 1")), "SDL0008");
        yield return new("Weight +inf", Model(left: Tap("Weight = float.PositiveInfinity")), "SDL0009");
        yield return new("Weight NaN", Model(left: Tap("Weight = float.NaN")), "SDL0009");
        yield return new("Lambda NaN", Model(objective: "[SoftCca(Lambda = float.NaN)] //!"), "SDL0009");
        yield return new("Lambda -inf", Model(objective: "[SoftCca(Lambda = float.NegativeInfinity)] //!"), "SDL0009");
        yield return new("Ridge +inf", Model(objective: "[Dcca(Ridge = double.PositiveInfinity)] //!"), "SDL0009");
        yield return new("EigenvalueFloor NaN", Model(objective: "[Dcca(EigenvalueFloor = double.NaN)] //!"), "SDL0040");
        yield return new("Dropout NaN", Model(left: Left("[Dense(\"embed\", 4)]\n[Dropout(\"drop\", float.NaN)] //!")), "SDL0027");
        yield return new("Dropout one", Model(left: Left("[Dense(\"embed\", 4)]\n[Dropout(\"drop\", 1f)] //!")), "SDL0027");

        // Shapes TorchSharp rejects.
        yield return new("Conv2d kernel larger than the input, stride 2", Model(left: Image("[Conv2d(\"conv\", 2, 8, Stride = 2)] //!\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]")), "SDL0016");
        yield return new("Conv2d kernel one too large", Model(left: Image("[Conv2d(\"conv\", 2, 7)] //!\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]")), "SDL0016");
        yield return new("MaxPool2d window larger than the input", Model(left: "[View(InputShape = new[] { 1, 2, 2 })]\n[MaxPool2d(\"pool\", 3, Stride = 2)] //!\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]"), "SDL0016");
        yield return new("MaxPool2d after a shrinking conv", Model(left: Image("[Conv2d(\"conv\", 2, 5)]\n[MaxPool2d(\"pool\", 3)] //!\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]")), "SDL0016");
        yield return new("Dense on an image", Model(left: Image("[Dense(\"embed\", 4)] //!")), "SDL0016");

        // Class shapes.
        yield return new("Record model", Model(declaration: "public partial record M //!", usage: false), "SDL0023");
        yield return new("Static model", Model(declaration: "public static partial class M //!", usage: false).Replace("public partial ViewEncoder", "public static partial ViewEncoder"), "SDL0023");
        yield return new("User constructor", Model(members: "/// <summary>Mine.</summary>\npublic M() { } //!\n", usage: false), "SDL0024");
        yield return new("Primary constructor", Model(declaration: "public partial class M(int seed) //!", members: "/// <summary>Seed.</summary>\npublic int Seed => seed;\n", usage: false), "SDL0024");

        // Repeated attributes.
        yield return new("Same layer decorrelated twice", Model(left: Left("[Dense(\"embed\", 4)]", "[Decorrelate(Layer = \"embed\")]\n[Decorrelate(Layer = \"embed\", Alpha = 0.9)] //!")), "SDL0025");
        yield return new("Same layer with two methods", Model(left: Left("[Dense(\"embed\", 4)]", "[Decorrelate(Layer = \"embed\")]\n[Decorrelate(Layer = \"embed\", Method = DecorrelationMethod.DeCov)] //!")), "SDL0025");
        yield return new("Duplicate layer name", Model(left: Left("[Dense(\"embed\", 8)]\n[Dense(\"embed\", 4)] //!")), "SDL0003");
        yield return new("Same objective twice", Model(objective: "[SoftCca]\n[SoftCca(Lambda = 0.1)] //!"), CompilerError: "CS0579");
        yield return new("Two objectives", Model(objective: "[SoftCca]\n[DccaEy] //!"), "SDL0005");

        // Non-constant arguments: the compiler's error alone.
        yield return new("Non-constant units", Model(members: "/// <summary>Units.</summary>\npublic static int Units = 4;\n", left: Left("[Dense(\"embed\", Units)] //!")), CompilerError: "CS0182");
        yield return new("Non-constant alpha", Model(outside: "/// <summary>Settings.</summary>\npublic static class Settings { /// <summary>α.</summary>\npublic static double Alpha = 0.5; }\n",
            left: Left("[Dense(\"embed\", 4)]", "[Decorrelate(Layer = \"embed\", Alpha = Settings.Alpha)] //!")), CompilerError: "CS0182");
        yield return new("Non-constant input size", Model(outside: "/// <summary>Settings.</summary>\npublic static class Settings { /// <summary>n.</summary>\npublic static int N = 8; }\n",
            left: "[View(InputDim = Settings.N)] //!\n[Dense(\"embed\", 4)]"), CompilerError: "CS0182");

        yield return new("SameAs a view that does not exist", Model(right: "[View(SameAs = \"Middle\")] //!"), "SDL0035");
        yield return new("SameAs itself", Model(right: "[View(SameAs = \"Right\")] //!"), "SDL0035");
        yield return new("SameAs with an error in the repeated layers", Model(left: Left("[Dense(\"embed\", 0)] //!"), right: "[View(SameAs = \"Left\")]"), "SDL0010");

        // Cascades: the model's error alone, the user's code using it still compiles.
        yield return new("Unknown tapped layer, model in use", Model(left: Left("[Dense(\"embed\", 4)]", "[Decorrelate(Layer = \"embd\")] //!")), "SDL0001");
        yield return new("No objective, model in use", Model(objective: "").Replace("[MultiViewModel]", "[MultiViewModel] //!"), "SDL0004");
        yield return new("Embedding sizes differ, model in use", Model(right: "[View(InputDim = 6)] //!\n[Dense(\"embed\", 5)]"), "SDL0007");
    }
}

internal static class EdgeCaseSourceExtensions
{
    /// <summary>Wraps the model class (from its doc comment to its closing brace) in an outer type.</summary>
    public static string WithOuter(this string source, string open, string close)
    {
        int start = source.IndexOf("/// <summary>A model.</summary>", StringComparison.Ordinal);
        int end = source.IndexOf("\n}", start, StringComparison.Ordinal) + 2;
        return source[..start] + open + "\n" + source[start..end] + "\n" + close + source[end..];
    }
}
