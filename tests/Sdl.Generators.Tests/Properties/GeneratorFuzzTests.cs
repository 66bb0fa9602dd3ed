using System.Reflection;
using Microsoft.CodeAnalysis;
using Sdl.Dsl;
using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Properties;

/// <summary>
/// Property-style checks that the generator holds for whole classes of legal or nearly legal input, not single examples:
/// every enum argument of every Sdl.Dsl attribute (found by reflection, so a new one is covered when it is added) with
/// every undefined value, and every name position with the names of generated members, case variants and Unicode the
/// compiler reads differently from the text. Each definition yields exactly its SDL diagnostic(s) at its line, or none;
/// the generator never throws; nothing is reported from a generated file; nothing else is reported at all.
/// </summary>
public class GeneratorFuzzTests
{
    private const string Usings = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using TorchSharp;

        namespace Fuzz;

        """;

    private const string RightView = """
            [View(InputDim = 6)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
        """;

    private static string Model(string objective = "[SoftCca]", string left = "[View(InputDim = 8)]\n[Dense(\"embed\", 4)]", string name = "M", string right = RightView, string header = "") =>
        Usings + header + $$"""
        [MultiViewModel]
        {{objective}}
        public partial class {{name}}
        {
        {{string.Join("\n", left.Split('\n').Select(l => "    " + l))}}
            public partial ViewEncoder Left { get; }

        {{right}}
        }
        """;

    /// <summary>
    /// Where each attribute that takes an enum goes in an otherwise valid model: the named arguments it needs besides the
    /// fuzzed one, and the model around it. A new attribute with an enum argument fails <see cref="EveryEnumArgument_HasAPlacement"/>
    /// until it is given one here; a new enum argument of these attributes is fuzzed without any change.
    /// </summary>
    private static readonly Dictionary<Type, (string NamedArguments, Func<string, string> Model)> Placements = new()
    {
        [typeof(DenseAttribute)] = ("", a => Model(left: $"[View(InputDim = 8)]\n[{a}] //!\n[Dense(\"embed\", 4)]")),
        [typeof(ActivationLayerAttribute)] = ("", a => Model(left: $"[View(InputDim = 8)]\n[Dense(\"embed\", 4)]\n[{a}] //!")),
        [typeof(Conv2dAttribute)] = ("", a => Model(left: $"[View(InputShape = new[] {{ 1, 6, 6 }})]\n[{a}] //!\n[Flatten(\"flat\")]\n[Dense(\"embed\", 4)]")),
        [typeof(DecorrelateAttribute)] = ("Layer = \"embed\"", a => Model(left: $"[View(InputDim = 8)]\n[Dense(\"embed\", 4)]\n[{a}] //!")),
        [typeof(DccaEyAttribute)] = ("", a => Model(objective: $"[{a}] //!")),
    };

    /// <summary>One enum argument of one attribute: a constructor parameter (<see cref="Position"/> ≥ 0) or a settable property.</summary>
    public sealed record EnumArgument(Type Attribute, string Name, Type Enum, int Position)
    {
        public override string ToString() => $"{Attribute.Name}.{Name}";
    }

    /// <summary>Every enum-typed constructor parameter and settable property of every public Sdl.Dsl attribute.</summary>
    public static IEnumerable<EnumArgument> EnumArguments() =>
        typeof(MultiViewModelAttribute).Assembly.GetExportedTypes()
            .Where(t => typeof(Attribute).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t =>
                t.GetConstructors().SelectMany(c => c.GetParameters()).Where(p => p.ParameterType.IsEnum)
                    .Select(p => new EnumArgument(t, p.Name!, p.ParameterType, p.Position))
                .Concat(t.GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.PropertyType.IsEnum)
                    .Select(p => new EnumArgument(t, p.Name, p.PropertyType, -1))))
            .Distinct();

    /// <summary>Integers the enum does not name: just past either end, a typical typo-sized value and the extremes.</summary>
    private static IEnumerable<long> UndefinedValues(Type enumType)
    {
        var defined = Enum.GetValues(enumType).Cast<object>().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return new[] { defined.Max() + 1, defined.Min() - 1, 42L, int.MaxValue, int.MinValue }.Where(v => !defined.Contains(v)).Distinct();
    }

    public static TheoryData<string> EnumArgumentNames => new(EnumArguments().Select(a => a.ToString()));

    [Fact]
    public void ReflectionFindsTheKnownEnumArguments()
    {
        var found = EnumArguments().Select(a => a.ToString()).ToHashSet();
        // A floor, not the list: these exist today; more are welcome and fuzzed automatically.
        foreach (var known in new[] { "DenseAttribute.activation", "Conv2dAttribute.activation", "ActivationLayerAttribute.activation",
                     "DecorrelateAttribute.Method", "DecorrelateAttribute.Norm", "DecorrelateAttribute.Reduction", "DccaEyAttribute.Penalty" })
            Assert.Contains(known, found);
    }

    [Fact]
    public void EveryEnumArgument_HasAPlacement() =>
        Assert.All(EnumArguments(), a => Assert.True(Placements.ContainsKey(a.Attribute), $"{a}: add a placement for {a.Attribute.Name}"));

    [Theory]
    [MemberData(nameof(EnumArgumentNames))]
    public void UndefinedEnumValue_YieldsSdl0037AtItsAttribute_AndNothingElse(string argumentName)
    {
        var argument = EnumArguments().Single(a => a.ToString() == argumentName);
        // The placement itself is valid: with a defined value the model compiles cleanly.
        var valid = Source(argument, null);
        var clean = GeneratorHarness.Run(valid);
        Assert.True(clean.GeneratorDiagnostics.IsEmpty && clean.CompilationProblems.Count == 0,
            valid + "\n" + string.Join("\n", clean.GeneratorDiagnostics.Concat(clean.CompilationProblems)));

        foreach (var value in UndefinedValues(argument.Enum))
        {
            var source = Source(argument, value);
            var result = GeneratorHarness.Run(source);
            AssertExactly(result, source, ["SDL0037"]);
            var diagnostic = result.GeneratorDiagnostics.Single();
            Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(argument.Enum.Name, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The attribute with every argument valid, except <paramref name="argument"/> = <paramref name="value"/> when given.</summary>
    private static string Source(EnumArgument argument, long? value)
    {
        var (named, model) = Placements[argument.Attribute];
        string Literal(Type type, string? parameterName)
        {
            if (type.IsEnum)
            {
                // The last defined member: for Activation that is a real activation, which [ActivationLayer] needs.
                var last = Enum.GetNames(type).Last();
                return $"{type.Name}.{last}";
            }
            if (type == typeof(string)) return parameterName == "name" ? "\"fz\"" : "\"x\"";
            if (type == typeof(int) || type == typeof(long)) return "4";
            if (type == typeof(float) || type == typeof(double)) return "0.25f";
            if (type == typeof(bool)) return "false";
            throw new InvalidOperationException($"No literal for {type} in {argument}.");
        }
        string Fuzzed() => $"({argument.Enum.Name})({value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)})";

        var constructor = argument.Attribute.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters()
            .Select(p => value is not null && argument.Position == p.Position ? Fuzzed() : Literal(p.ParameterType, p.Name))
            .ToList();
        if (named.Length > 0) arguments.Add(named);
        if (argument.Position < 0 && value is not null) arguments.Add($"{argument.Name} = {Fuzzed()}");
        var name = argument.Attribute.Name;
        return model($"{name.Substring(0, name.Length - "Attribute".Length)}({string.Join(", ", arguments)})");
    }

    /// <summary>Names a generated model declares or inherits, and names the generator uses for its own members.</summary>
    private static IEnumerable<string> GeneratedAndInheritedNames() =>
        new[] { "OnCreated", "Info", "Summary", "forward", "ComputeLoss", "__SdlEncoder_Left", "__sdl_view_Left", "__sdl_loss0",
            "__sdl_hyperparameters", "__sdl_x", "__sdl_taps", "__Sdl", "Encode", "Decode", "RegisterComponents", "train", "inputs",
            "output", "labels", "device", "options", "taps", "input", "latent" };

    /// <summary>What a view may not be called: what the model inherits (from MultiViewModule up) and what the generator writes.</summary>
    private static bool IsReservedViewName(string name)
    {
        if (name == "OnCreated" || name.StartsWith("__sdl", StringComparison.OrdinalIgnoreCase)) return true;
        for (var type = typeof(Sdl.Runtime.Models.MultiViewModule); type is not null; type = type.BaseType)
            if (type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Any(m => m.Name == name && !IsPrivate(m)))
                return true;
        return false;
    }

    private static bool IsPrivate(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPrivate || method.IsAssembly,
        FieldInfo field => field.IsPrivate || field.IsAssembly,
        PropertyInfo property => (property.GetMethod ?? property.SetMethod) is { } accessor && (accessor.IsPrivate || accessor.IsAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPrivate || add.IsAssembly),
        Type type => !(type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem),
        _ => false,
    };

    public static TheoryData<string> Names => new(GeneratedAndInheritedNames());

    [Theory]
    [MemberData(nameof(Names))]
    public void ViewNamedLikeAGeneratedOrInheritedMember_IsSdl0022OrCompiles(string name)
    {
        var source = Model(right: $$"""
                [View(InputDim = 6)]
                [Dense("embed", 4)]
                public partial ViewEncoder {{name}} { get; } //!
            """);
        AssertExactly(GeneratorHarness.Run(source), source, IsReservedViewName(name) ? ["SDL0022"] : []);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void LayerNamedLikeAGeneratedMember_Compiles(string name)
    {
        var source = Model(left: $"[View(InputDim = 8)]\n[Dense(\"{name}\", 6, Activation.ReLU)]\n[Dropout(\"drop_{name}\", 0.1f)]\n[Dense(\"embed\", 4)]\n[Decorrelate(Layer = \"{name}\")]");
        AssertExactly(GeneratorHarness.Run(source), source, []);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ModelNamedLikeAGeneratedMember_IsSdl0023OrCompiles(string name)
    {
        // Lower-case type names are the user's CS8981, silenced in their file as they would.
        var source = Model(name: name, header: "#pragma warning disable CS8981\n").Replace($"public partial class {name}", $"public partial class {name} //!");
        bool generatedMember = new[] { "Info", "forward", "ComputeLoss", "Summary", "OnCreated" }.Contains(name) || name.StartsWith("__sdl", StringComparison.OrdinalIgnoreCase);
        // A model named like one of its members other than these is the user's own CS0542 (a view Left in a model Left): not fuzzed.
        AssertExactly(GeneratorHarness.Run(source), source, generatedMember ? ["SDL0023"] : []);
    }

    [Fact]
    public void LowerCaseModelName_CompilesCleanlyWhereTheUserSilencedIt()
    {
        // CS8981 is the user's to silence in their own file; the generated file must not bring it back.
        var source = Model(name: "torch", header: "#pragma warning disable CS8981\n");
        AssertExactly(GeneratorHarness.Run(source), source, []);
    }

    [Theory]
    [InlineData("Pair", "PAIR")]
    [InlineData("Pair", "pair")]
    [InlineData("model", "Model")]
    public void ModelsDifferingOnlyInCase_GetDistinctFiles(string first, string second)
    {
        var source = Model(name: first) + "\n" + Model(name: second).Replace(Usings, "");
        var result = GeneratorHarness.Run(source);
        AssertExactly(result, source, []);
        Assert.Equal(2, result.Sources.Count);
        Assert.Equal(2, result.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    /// <summary>Two layer names the compiler reads as one identifier: a formatting character is not part of an identifier's value.</summary>
    [Theory]
    [InlineData("fc1", "fc\u200D1")]   // zero-width joiner
    [InlineData("fc1", "f\u200Bc1")]   // zero-width space is not an identifier character: SDL0019 instead, see below
    [InlineData("fc1", "fc1\u00AD")]   // soft hyphen
    [InlineData("Fc1", "F\u2060c1")]   // word joiner
    public void LayerNamesEqualAsIdentifiers_AreDuplicates(string first, string second)
    {
        var source = Model(left: $"[View(InputDim = 8)]\n[Dense(\"{first}\", 6)]\n[Dense(\"{second}\", 4)] //!");
        bool identifier = Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(second);
        AssertExactly(GeneratorHarness.Run(source), source, [identifier ? "SDL0003" : "SDL0019"]);
    }

    /// <summary>Names that differ as identifiers (case, or composed against decomposed Unicode, which the compiler does not normalise) are distinct.</summary>
    [Theory]
    [InlineData("fc", "FC")]
    [InlineData("\u00E9mbed", "e\u0301mbed")]
    [InlineData("\u0391lpha", "Alpha")] // Greek capital alpha
    public void LayerNamesDifferentAsIdentifiers_BothCompile(string first, string second)
    {
        var source = Model(left: $"[View(InputDim = 8)]\n[Dense(\"{first}\", 6)]\n[Dense(\"{second}\", 4)]\n[Decorrelate(Layer = \"{second}\")]");
        AssertExactly(GeneratorHarness.Run(source), source, []);
    }

    [Theory]
    [InlineData("Left", "left")]
    [InlineData("\u00C9", "E\u0301")]
    public void ViewNamesDifferingInCaseOrComposition_BothCompile(string first, string second)
    {
        var source = Model(right: $$"""
                [View(InputDim = 6)]
                [Dense("embed", 4)]
                public partial ViewEncoder {{first}}2 { get; }

                [View(InputDim = 6)]
                [Dense("embed", 4)]
                public partial ViewEncoder {{second}}2 { get; }
            """);
        AssertExactly(GeneratorHarness.Run(source), source, []);
    }

    [Fact]
    public void ViewNamesEqualAsIdentifiers_AreTheCompilersDuplicateAlone()
    {
        // "Ri\u200Dght" is the identifier Right: the compiler's CS0102 in the user's file, nothing in the generated one.
        var source = Model(right: RightView + "\n\n    [View(InputDim = 6)]\n    [Dense(\"embed\", 4)]\n    public partial ViewEncoder Ri\u200Dght { get; } //!");
        var result = GeneratorHarness.Run(source);
        Assert.DoesNotContain(result.GeneratorDiagnostics.Concat(result.CompilationProblems), d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        Assert.Contains(result.CompilationProblems, d => d.Id == "CS0102");
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id.StartsWith("SDL", StringComparison.Ordinal) || d.Id == "CS8785");
    }

    /// <summary>Class shapes and declarations a user could write, each with exactly its diagnostic(s) on the marked line, or none.</summary>
    public static TheoryData<string, string, string[]> ClassShapes => new()
    {
        // A file-local type's parts must share its file, so the generated part cannot join it: SDL0023 says so, and the
        // partial properties stay without implementation (the compiler's CS9248, in the user's file).
        { "file-local model", Model().Replace("public partial class M", "file partial class M //!").Replace("{ get; }", "{ get; } //!"), ["SDL0023", "CS9248", "CS9248"] },
        { "base class deriving from MultiViewModule", Model().Replace("public partial class M", "public partial class M : Base //!")
            + "\npublic abstract class Base : MultiViewModule { protected Base() : base(\"b\") { } }\n", ["SDL0021"] },
        { "base class overriding Summary", Model().Replace("public partial class M", "public partial class M : Base //!")
            + "\npublic abstract class Base : MultiViewModule { protected Base() : base(\"b\") { } public sealed override string Summary() => \"b\"; }\n", ["SDL0021"] },
        { "[MultiViewModel] on both parts", Model() + "\n[MultiViewModel] //!\npublic partial class M { }\n", ["CS0579"] },
        { "user Summary()", Model(right: RightView + "\n\n    public override string Summary() => \"mine\";"), [] },
        { "user Summary() on a model with an error", Model(objective: "[SoftCca(Lambda = -1)] //!", right: RightView + "\n\n    public override string Summary() => \"mine\";"), ["SDL0009"] },
        { "hook without partial", Model(right: RightView + "\n\n    void OnCreated() { } //!"), ["SDL0038"] },
        { "hook declared twice", Model(right: RightView + "\n\n    partial void OnCreated(); //!\n    partial void OnCreated() { }"), ["SDL0038"] },
        { "hook implemented", Model(right: RightView + "\n\n    partial void OnCreated() { }"), [] },
        { "hook overload", Model(right: RightView + "\n\n    void OnCreated(int seed) { }"), [] },
        { "user Info", Model(right: RightView + "\n\n    public override ModelInfo Info => throw new System.NotSupportedException(); //!"), ["SDL0038"] },
        { "user __sdl member", Model(right: RightView + "\n\n    private int __sdl_loss0; //!"), ["SDL0038", "CS0169"] },
        { "virtual partial view", Model().Replace("public partial ViewEncoder Right", "public virtual partial ViewEncoder Right"), [] },
        { "new partial view of an internal model", Model().Replace("public partial class M", "internal sealed partial class M").Replace("public partial ViewEncoder Right", "internal partial ViewEncoder Right"), [] },
        { "third partial property without [View]", Model(right: RightView + "\n\n    public partial ViewEncoder Third { get; } //!"), ["SDL0039"] },
        { "third partial property without [View], model in error too", Model(objective: "[SoftCca(Lambda = -1)] //!", right: RightView + "\n\n    public partial ViewEncoder Third { get; } //!"), ["SDL0009", "SDL0039"] },
        // CS8625 is the user's own nullable warning on the null literal.
        { "Reshape with a null shape", Model(left: "[View(InputDim = 8)]\n[Reshape(\"img\", null)] //!\n[Dense(\"embed\", 4)]"), ["SDL0010", "CS8625"] },
        { "InputShape null", Model(left: "[View(InputShape = null)] //!\n[Dense(\"embed\", 4)]"), ["SDL0010"] },
        { "undefined tap enum beside a duplicate layer", Model(left: "[View(InputDim = 8)]\n[Dense(\"embed\", 4)]\n[Dense(\"embed\", 4)] //!\n[Decorrelate(Layer = \"embed\", Norm = (SdlNorm)9)] //!"), ["SDL0003", "SDL0037"] },
        { "EigenvalueFloor zero", Model(objective: "[Dcca(EigenvalueFloor = 0)] //!"), ["SDL0040"] },
        { "obsolete custom encoder", "#pragma warning disable CS0618\n" + Model(right: "    [View(InputDim = 6)]\n    public partial OldEncoder Right { get; }")
            + "\n[System.Obsolete(\"old\")]\npublic sealed class OldEncoder : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>\n{\n    private readonly TorchSharp.Modules.Linear fc = TorchSharp.torch.nn.Linear(6, 4);\n    public OldEncoder() : base(\"old\") => RegisterComponents();\n    public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x) => fc.call(x);\n}\n", [] },
    };

    [Theory]
    [MemberData(nameof(ClassShapes))]
    public void ClassShape_YieldsExactlyItsDiagnostics(string name, string source, string[] expected)
    {
        Assert.NotNull(name);
        AssertExactly(GeneratorHarness.Run(source), source, expected);
    }

    [Fact]
    public void MissingUsing_LeavesTheCompilersErrorsInTheUsersFileOnly()
    {
        var source = Model().Replace("using Sdl.Runtime.Models;\n", "");
        var result = GeneratorHarness.Run(source);
        var all = result.GeneratorDiagnostics.Concat(result.CompilationProblems).ToList();
        Assert.Contains(all, d => d.Id == "CS0246");
        Assert.All(all, d => Assert.Equal("Model0.cs", d.Location.GetLineSpan().Path));
        Assert.DoesNotContain(all, d => d.Id.StartsWith("SDL", StringComparison.Ordinal) || d.Id == "CS8785");
    }

    private const string CustomEncoders = """

        public sealed class Wide : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>
        {
            [TorchSharp.Utils.ComponentName(Name = "projection")]
            private readonly TorchSharp.Modules.Linear fc;

            public Wide() : base(nameof(Wide))
            {
                fc = TorchSharp.torch.nn.Linear(6, WIDTH);
                RegisterComponents();
            }

            public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x) => fc.call(x);
        }
        """;

    private static string CustomModel(int width, string objective = "[SoftCca]") =>
        Model(objective: objective, right: "    [View(InputDim = 6)]\n    [Decorrelate(Layer = \"fc\")]\n    public partial Wide Right { get; }")
        + CustomEncoders.Replace("WIDTH", width.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A tap on a custom encoder's field registered under another [ComponentName] is hooked under that name.</summary>
    [Fact]
    public void TapOnARenamedCustomField_ConstructsAndCaptures()
    {
        var source = CustomModel(4);
        var result = GeneratorHarness.Run(source);
        AssertExactly(result, source, []);
        using var model = CompiledModels.Create(CompiledModels.Load(result.OutputCompilation), "Fuzz.M");
        var inputs = new[] { TorchSharp.torch.randn(5, 8), TorchSharp.torch.randn(5, 6) };
        var output = model.call(inputs);
        Assert.Equal(new long[] { 5, 4 }, output.Taps["Right.fc"].shape);
        Assert.True(double.IsFinite(model.ComputeLoss(output, inputs).Total.item<float>()));
    }

    /// <summary>
    /// A custom encoder's width is known only at run time: when it differs from the other views', construction fails with
    /// SDL0007's message (both views, both widths) instead of libtorch failing inside the first loss. DCCA, which takes
    /// the smaller width, accepts it.
    /// </summary>
    [Fact]
    public void CustomEncoderOfAnotherWidth_FailsAtConstruction_WithTheDiagnosticsMessage()
    {
        var source = CustomModel(5);
        var result = GeneratorHarness.Run(source);
        AssertExactly(result, source, []);
        var assembly = CompiledModels.Load(result.OutputCompilation);
        var error = Assert.Throws<ArgumentException>(() => Unwrap(() => CompiledModels.Create(assembly, "Fuzz.M").Dispose()));
        Assert.Contains("view 'Left' ends with 4 features but view 'Right' with 5", error.Message);

        var dcca = CustomModel(5, "[Dcca]");
        var dccaResult = GeneratorHarness.Run(dcca);
        AssertExactly(dccaResult, dcca, []);
        using var model = CompiledModels.Create(CompiledModels.Load(dccaResult.OutputCompilation), "Fuzz.M");
        Assert.Equal(5, model.Info.Views[1].EmbeddingSize);
    }

    /// <summary>A classifier's custom encoder must give one logit per class: checked at construction with SDL0031's message.</summary>
    [Theory]
    [InlineData(3, true)]
    [InlineData(5, false)]
    public void CustomClassifierOfAnotherWidth_FailsAtConstruction_WithTheDiagnosticsMessage(int width, bool fits)
    {
        var source = Usings + """
            [MultiViewModel]
            [Supervised(Classes = 3)]
            public partial class M
            {
                [View(InputDim = 6)]
                public partial Wide Only { get; }
            }
            """ + CustomEncoders.Replace("WIDTH", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var result = GeneratorHarness.Run(source);
        AssertExactly(result, source, []);
        var assembly = CompiledModels.Load(result.OutputCompilation);
        if (fits)
        {
            using var model = CompiledModels.Create(assembly, "Fuzz.M");
            Assert.Equal(3, model.Info.Views[0].EmbeddingSize);
            return;
        }
        var error = Assert.Throws<ArgumentException>(() => Unwrap(() => CompiledModels.Create(assembly, "Fuzz.M").Dispose()));
        Assert.Contains("View 'Only' ends with 5 outputs but [Supervised] declares Classes = 3", error.Message);
    }

    private static void Unwrap(Action action)
    {
        try { action(); }
        catch (TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
    }

    /// <summary>
    /// The generator never throws (a throw is the compiler's warning CS8785 and no output), reports nothing from a
    /// generated file, and its expected diagnostics come from the user's file on the line marked <c>//!</c>; there is no
    /// other error or warning.
    /// </summary>
    internal static void AssertExactly(GenerationResult result, string source, string[] expected)
    {
        var all = result.GeneratorDiagnostics.Concat(result.CompilationProblems).ToList();
        Assert.DoesNotContain(all, d => d.Id == "CS8785" || d.Id == "CS8784");
        Assert.DoesNotContain(all, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        var ids = all.Select(d => d.Id).Order().ToList();
        Assert.True(ids.SequenceEqual(expected.Order()), $"Expected [{string.Join(", ", expected)}], got:\n{string.Join("\n", all)}\n\n{source}");
        var marked = source.Split('\n').Select((line, index) => (line, index)).Where(l => l.line.Contains("//!", StringComparison.Ordinal)).Select(l => l.index).ToList();
        foreach (var diagnostic in all)
        {
            Assert.Equal("Model0.cs", diagnostic.Location.GetLineSpan().Path);
            Assert.Contains(diagnostic.Location.GetLineSpan().StartLinePosition.Line, marked);
        }
    }
}
