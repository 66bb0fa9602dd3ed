using Sdl.Dsl;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sdl.Generators.Model;

namespace Sdl.Generators.Emitting
{
    /// <summary>
    /// Model to text: writes the partial class that completes a <c>[MultiViewModel]</c> as a TorchSharp
    /// <c>MultiViewModule</c>. The code is meant to read as if written by hand, since users inspect it.
    /// </summary>
    /// <remarks>
    /// Every member, nested type and local the generator invents starts with <c>__sdl</c> and every member access is
    /// qualified with <c>this.</c>, so any name a user gives a view or a layer compiles; layer and loss modules carry
    /// their user-facing names (the state_dict keys) in <c>[ComponentName]</c>, not in their field names.
    /// </remarks>
    internal static class ModelEmitter
    {
        private const string Tensor = "global::TorchSharp.torch.Tensor";
        private const string Device = "global::TorchSharp.torch.Device";
        private const string TensorList = "global::System.Collections.Generic.IReadOnlyList<global::TorchSharp.torch.Tensor>";
        private const string Models = "global::Sdl.Runtime.Models";
        private const string Losses = "global::Sdl.Runtime.Losses";
        private const string Objectives = "global::Sdl.Runtime.Objectives";
        private const string Dsl = "global::Sdl.Dsl";
        private const string ComponentName = "global::TorchSharp.Utils.ComponentName";
        internal const string HyperparametersLocal = "__sdl_hyperparameters";
        internal static readonly string GeneratedCode =
            $"[global::System.CodeDom.Compiler.GeneratedCode(\"Sdl.Generators\", \"{typeof(ModelEmitter).Assembly.GetName().Version}\")]";

        public static string Emit(ModelSpec model)
        {
            var writer = new IndentedWriter();
            OpenType(writer, model.Type);
            writer.WriteLine($"/// <summary>Generated from the attributes of this model: {Describe(model.Objective)}.</summary>");
            writer.WriteLine(GeneratedCode);
            writer.OpenBlock($"partial class {model.Type.ClassName}{model.Type.TypeParameters} : {Models}.MultiViewModule");
            WriteFields(writer, model);
            writer.WriteLine();
            WriteConstructors(writer, model);
            writer.WriteLine();
            writer.WriteLine("/// <summary>Runs at the end of every generated constructor: implement it for the model's own set-up.</summary>");
            writer.WriteLine("partial void OnCreated();");
            writer.WriteLine();
            WriteViewProperties(writer, model);
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine($"public override {Models}.ModelInfo Info {{ get; }}");
            writer.WriteLine();
            WriteForward(writer, model);
            writer.WriteLine();
            WriteComputeLoss(writer, model);
            if (!model.DeclaresSummary)
            {
                writer.WriteLine();
                WriteSummary(writer, model);
            }
            int dropoutOffset = 0;
            for (int v = 0; v < model.Views.Count; v++)
            {
                var view = model.Views[v];
                if (view.Kind != ViewKind.Declared) continue;
                writer.WriteLine();
                EncoderEmitter.Write(writer, view, v, dropoutOffset);
                dropoutOffset += Dropouts(view).Count();
            }
            writer.CloseBlock();
            CloseType(writer, model.Type);
            return writer.ToString();
        }

        /// <summary>
        /// The model with errors: the same class with members that throw, so the user's code that uses it and the partial
        /// view properties compile, and the diagnostic is the only error.
        /// </summary>
        public static string EmitSkeleton(SkeletonSpec skeleton)
        {
            var writer = new IndentedWriter();
            var type = skeleton.Type;
            string unusable = $"throw new global::System.InvalidOperationException(\"{Plain(type.ClassName)} has compile-time errors (SDL diagnostics); fix them to use the model.\")";
            OpenType(writer, type);
            writer.WriteLine("/// <summary>Placeholder for a model with compile-time errors (see the SDL diagnostics); every member throws.</summary>");
            writer.WriteLine(GeneratedCode);
            // A static class is completed as 'partial class' (one part says static); it gets no instance hook.
            writer.OpenBlock($"partial {(type.Keyword == "static class" ? "class" : type.Keyword)} {type.ClassName}{type.TypeParameters}" + (skeleton.DerivesFromModule ? $" : {Models}.MultiViewModule" : ""));
            if (skeleton.WritesHook) writer.WriteLine("partial void OnCreated();");
            if (skeleton.WritesConstructors)
            {
                writer.WriteLine();
                writer.WriteLine("/// <summary>Throws: the model has compile-time errors.</summary>");
                writer.WriteLine($"public {type.ClassName}() : base(\"{Plain(type.ClassName)}\") => {unusable};");
                writer.WriteLine();
                writer.WriteLine("/// <summary>Throws: the model has compile-time errors.</summary>");
                writer.WriteLine($"public {type.ClassName}({Device}? device) : this() {{ }}");
                writer.WriteLine();
                writer.WriteLine("/// <summary>Throws: the model has compile-time errors.</summary>");
                writer.WriteLine($"public {type.ClassName}({Models}.ModelOptions? options) : this() {{ }}");
                writer.WriteLine();
                writer.WriteLine("/// <summary>Throws: the model has compile-time errors.</summary>");
                writer.WriteLine($"public {type.ClassName}({Models}.ModelOptions? options, {Device}? device) : this() {{ }}");
            }
            foreach (var property in skeleton.Properties)
            {
                writer.WriteLine();
                writer.WriteLine("/// <summary>Throws: the model has compile-time errors.</summary>");
                var accessors = string.Join(" ", property.Accessors.Select(a => $"{a} => {unusable};"));
                writer.WriteLine($"{property.Modifiers} {property.Type} {property.Name} {{ {accessors} }}");
            }
            foreach (var member in skeleton.Overrides)
            {
                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc/>");
                writer.WriteLine(member switch
                {
                    "Info" => $"public override {Models}.ModelInfo Info => {unusable};",
                    "forward" => $"public override {Models}.MultiViewOutput forward({TensorList} inputs) => {unusable};",
                    "ComputeLoss" => $"public override {Models}.LossBreakdown ComputeLoss({Models}.MultiViewOutput output, {TensorList} inputs, {Tensor}? labels = null) => {unusable};",
                    _ => $"public override string Summary() => {unusable};",
                });
            }
            writer.CloseBlock();
            CloseType(writer, type);
            return writer.ToString();
        }

        private static void OpenType(IndentedWriter writer, TypeShape type)
        {
            writer.WriteLine("// <auto-generated/>");
            writer.WriteLine("#nullable enable");
            // Warnings about what the user declared, repeated where generated code names it: an [Obsolete] encoder type
            // (CS0612, CS0618) or a lower-case model name such as 'torch' (CS8981). The user's own file reports them already.
            writer.WriteLine("#pragma warning disable CS0612, CS0618, CS8981");
            writer.WriteLine();
            if (type.Namespace is not null) writer.OpenBlock($"namespace {type.Namespace}");
            foreach (var outer in type.ContainingTypes) writer.OpenBlock($"partial {outer.Keyword} {outer.Name}{outer.TypeParameters}");
        }

        private static void CloseType(IndentedWriter writer, TypeShape type)
        {
            foreach (var _ in type.ContainingTypes) writer.CloseBlock();
            if (type.Namespace is not null) writer.CloseBlock();
        }

        private static void WriteFields(IndentedWriter writer, ModelSpec model)
        {
            writer.WriteLine("// One encoder per view; its component name is the view name, the prefix of its state_dict keys.");
            foreach (var view in model.Views)
            {
                writer.WriteLine($"[{ComponentName}(Name = \"{view.Name}\")]");
                writer.WriteLine($"private readonly {EncoderType(view)} {EncoderField(view)};");
            }

            var captures = CustomTaps(model).ToList();
            if (captures.Count > 0)
            {
                writer.WriteLine();
                writer.WriteLine("// Custom encoders are not generated, so their tapped layers are captured by forward hooks.");
                foreach (var (_, index) in captures)
                    writer.WriteLine($"private readonly {Models}.ActivationCapture {CaptureField(index)};");
            }

            writer.WriteLine();
            writer.WriteLine("// The objective (Sdl.Runtime.Objectives): its terms and the taps' decorrelation losses, whose modules it registers");
            writer.WriteLine("// on this model under their own names (sdl_Left_embed, ...). Set after RegisterComponents, so it is not registered whole.");
            writer.WriteLine($"private readonly {ObjectiveType(model)} {ObjectiveField};");
        }

        private static void WriteConstructors(IndentedWriter writer, ModelSpec model)
        {
            string name = model.Type.ClassName;
            writer.WriteLine("/// <summary>Creates the model on the CPU with its declared hyperparameters and freshly initialised parameters.</summary>");
            writer.WriteLine($"public {name}() : this(null, null) {{ }}");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Creates the model with its declared hyperparameters and moves it to <paramref name=\"device\"/> (the CPU when null).</summary>");
            writer.WriteLine("/// <param name=\"device\">Where the parameters live; the CPU when null.</param>");
            writer.WriteLine($"public {name}({Device}? device) : this(null, device) {{ }}");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Creates the model on the CPU with the declared hyperparameters overridden by <paramref name=\"options\"/>.</summary>");
            writer.WriteLine("/// <param name=\"options\">Overrides of the declared hyperparameters; null keeps them all.</param>");
            writer.WriteLine($"public {name}({Models}.ModelOptions? options) : this(options, null) {{ }}");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Creates the model with the declared hyperparameters overridden by <paramref name=\"options\"/>, on <paramref name=\"device\"/>.</summary>");
            writer.WriteLine("/// <param name=\"options\">Overrides of the declared hyperparameters; null keeps them all.</param>");
            writer.WriteLine("/// <param name=\"device\">Where the parameters live; the CPU when null.</param>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">An option breaks the rule of its compile-time diagnostic, names an unknown tap or layer, or changes a width that cannot change.</exception>");
            writer.OpenBlock($"public {name}({Models}.ModelOptions? options, {Device}? device) : base(\"{Plain(name)}\")");
            WriteDeclaredHyperparameters(writer, model);
            var hp = HyperparametersLocal;
            for (int v = 0; v < model.Views.Count; v++)
            {
                var view = model.Views[v];
                writer.WriteLine(view.Kind == ViewKind.Declared
                    ? $"this.{EncoderField(view)} = new {EncoderType(view)}({hp});"
                    : $"this.{EncoderField(view)} = new {EncoderType(view)}();");
            }

            var measured = new Dictionary<int, string>();
            var allTaps = AllTaps(model).ToList();
            var captures = CustomTaps(model).ToList();
            for (int v = 0; v < model.Views.Count; v++)
            {
                var view = model.Views[v];
                if (view.Kind != ViewKind.Custom) continue;
                var own = captures.Where(c => c.Tap.View == view.Name).ToList();
                foreach (var (tap, index) in own)
                    writer.WriteLine($"this.{CaptureField(index)} = {Models}.ActivationCapture.Attach(this.{EncoderField(view)}, \"{view.Name}\", \"{tap.RegisteredName ?? tap.Layer}\");");
                var variable = $"__sdl_measured{v}";
                writer.WriteLine("// A custom encoder's sizes are known only once it exists: run it once on a zero batch to measure them.");
                writer.WriteLine($"var {variable} = {Models}.ActivationCapture.Measure(this.{EncoderField(view)}, {LongArray(view.InputShape)}, new {Models}.ActivationCapture[] {{ {string.Join(", ", own.Select(c => "this." + CaptureField(c.Index)))} }});");
                measured[v] = variable;
            }

            // A measured width is known only now: the objectives that compare embeddings check it here with SDL0007's rule,
            // before libtorch would fail inside the first loss.
            bool comparesEmbeddings = model.Objective.Kind switch
            {
                ObjectiveKind.SoftCca or ObjectiveKind.DccaEy => true,
                ObjectiveKind.Dcca or ObjectiveKind.Fae or ObjectiveKind.Supervised => false,
                ObjectiveKind.Custom => ((CustomSpec)model.Objective).EqualEmbeddings,
            };
            if (model.Objective is SupervisedSpec classifier)
                foreach (var v in measured.Keys)
                    writer.WriteLine($"{Models}.Hyperparameters.RequireLogits(\"{model.Views[v].Name}\", {measured[v]}.EmbeddingSize, {Number(classifier.Classes)});");
            if (comparesEmbeddings && measured.Count > 0)
                writer.WriteLine($"{Models}.Hyperparameters.RequireEqualEmbeddings(\"{model.Objective.Kind}\", new string[] {{ {string.Join(", ", model.Views.Select(v => $"\"{v.Name}\""))} }}, new long[] {{ {string.Join(", ", model.Views.Select((_, v) => EmbeddingSize(model, v, measured)))} }});");

            writer.WriteLine("RegisterComponents();");
            writer.WriteLine();
            WriteInfoValue(writer, model, measured);
            var widths = allTaps.Select((tap, k) => tap.Method == DecorrelationMethod.None ? "0" : TapFeatures(model.Views[ViewIndex(model, tap.View)], ViewIndex(model, tap.View), tap, measured));
            writer.WriteLine($"this.{ObjectiveField} = new {ObjectiveType(model)}(this.Info, new long[] {{ {string.Join(", ", widths)} }});");
            writer.WriteLine($"this.RegisterObjective(this.{ObjectiveField});");
            writer.WriteLine("OnCreated();");
            writer.WriteLine("if (device is not null) global::TorchSharp.ModuleExtensionMethods.to(this, device);");
            writer.CloseBlock();
        }

        private static void WriteDeclaredHyperparameters(IndentedWriter writer, ModelSpec model)
        {
            var objective = model.Objective;
            writer.WriteLine("// The declared hyperparameters; the options override them, checked with the rules of the compile-time diagnostics.");
            writer.WriteLine($"var {HyperparametersLocal} = {Models}.Hyperparameters.Resolve(");
            writer.Indent();
            writer.WriteLine($"\"{Plain(model.Type.ClassName)}\",");
            writer.WriteLine($"new {Models}.Hyperparameters(");
            writer.Indent();
            writer.WriteLine($"{Number(objective.Lambda)},");
            writer.WriteLine($"new {Models}.TapInfo[]");
            writer.WriteLine("{");
            writer.Indent();
            foreach (var tap in AllTaps(model))
                writer.WriteLine($"new {Models}.TapInfo(\"{tap.View}\", \"{tap.Layer}\", {Dsl}.DecorrelationMethod.{tap.Method}, {Number(tap.Alpha)}, {Number(tap.Weight)}, {Dsl}.SdlNorm.{tap.Norm}, {Dsl}.SdlReduction.{tap.Reduction}),");
            writer.Unindent();
            writer.WriteLine("},");
            writer.WriteLine($"new {Models}.DropoutHyperparameter[]");
            writer.WriteLine("{");
            writer.Indent();
            foreach (var view in model.Views)
                foreach (var layer in Dropouts(view))
                    writer.WriteLine($"new {Models}.DropoutHyperparameter(\"{view.Name}.{layer.Name}\", {Number(layer.Probability)}),");
            writer.Unindent();
            writer.WriteLine("},");
            writer.WriteLine($"new long[] {{ {string.Join(", ", model.Views.Select(v => Number(v.EmbeddingSize)))} }},");
            writer.WriteLine($"{Settings(objective)}),");
            writer.Unindent();
            writer.WriteLine($"new bool[] {{ {string.Join(", ", model.Views.Select(v => v.ResizableFrom >= 0 ? "true" : "false"))} }},");
            writer.WriteLine("options);");
            writer.Unindent();
        }

        private static string TapFeatures(ViewSpec view, int v, TapSpec tap, Dictionary<int, string> measured)
        {
            if (tap.Features <= 0) return $"{measured[v]}.TapFeatures[{view.Taps.ToList().IndexOf(tap)}]";
            int layer = view.Layers.ToList().FindIndex(l => l.Name == tap.Layer);
            return view.ResizableFrom >= 0 && layer >= view.ResizableFrom ? $"{HyperparametersLocal}.EmbeddingSizes[{v}]" : Number(tap.Features);
        }

        private static string EmbeddingSize(ModelSpec model, int v, Dictionary<int, string> measured) =>
            model.Views[v].Kind == ViewKind.Custom ? $"{measured[v]}.EmbeddingSize" : $"{HyperparametersLocal}.EmbeddingSizes[{v}]";

        private static void WriteInfoValue(IndentedWriter writer, ModelSpec model, Dictionary<int, string> measured)
        {
            writer.WriteLine($"this.Info = new {Models}.ModelInfo(");
            writer.Indent();
            writer.WriteLine($"\"{Plain(model.Type.ClassName)}\",");
            writer.WriteLine($"{Models}.ObjectiveKind.{(model.Objective is CustomSpec custom ? custom.Attribute : model.Objective.Kind.ToString())},");
            writer.WriteLine($"new {Models}.ViewInfo[]");
            writer.WriteLine("{");
            writer.Indent();
            for (int v = 0; v < model.Views.Count; v++)
            {
                var view = model.Views[v];
                string embedding = model.Objective is FaeSpec fae ? Number(fae.Shared) : EmbeddingSize(model, v, measured);
                writer.WriteLine($"new {Models}.ViewInfo(\"{view.Name}\", {LongArray(view.InputShape)}, {embedding}),");
            }
            writer.Unindent();
            writer.WriteLine("},");
            writer.WriteLine($"{HyperparametersLocal}.Taps,");
            writer.WriteLine($"{Number(model.Objective is SupervisedSpec supervised ? supervised.Classes : 0)},");
            writer.WriteLine($"{HyperparametersLocal});");
            writer.Unindent();
        }

        private static void WriteViewProperties(IndentedWriter writer, ModelSpec model)
        {
            foreach (var view in model.Views)
            {
                writer.WriteLine($"/// <summary>The encoder of view <c>{view.Name}</c>.</summary>");
                writer.WriteLine($"{view.PropertyModifiers} {view.PropertyType} {Parsing.ModelParser.EscapedName(view.Name)} {{ get => this.{EncoderField(view)}; }}");
                writer.WriteLine();
            }
        }

        private static void WriteForward(IndentedWriter writer, ModelSpec model)
        {
            int count = model.Views.Count;
            var names = string.Join(", ", model.Views.Select(v => v.Name));
            writer.WriteLine($"/// <summary>Encodes every view ({names}, in this order) and captures the tagged activations.</summary>");
            writer.WriteLine("/// <param name=\"inputs\">One batch per view, in declaration order.</param>");
            writer.OpenBlock($"public override {Models}.MultiViewOutput forward({TensorList} inputs)");
            writer.WriteLine($"if (inputs.Count != {count})");
            writer.WriteLine($"    throw new global::System.ArgumentException($\"{Plain(model.Type.ClassName)} takes {count} input(s) ({names}), got {{inputs.Count}}.\", nameof(inputs));");
            writer.WriteLine($"var __sdl_taps = new global::System.Collections.Generic.Dictionary<string, {Tensor}>({AllTaps(model).Count()});");
            var embeddings = new List<string>();
            var reconstructions = new List<string>();
            var captures = CustomTaps(model).ToList();
            for (int i = 0; i < count; i++)
            {
                var view = model.Views[i];
                var encoder = "this." + EncoderField(view);
                if (view.Kind == ViewKind.Custom)
                {
                    var input = view.InputShape.Count > 1 ? $"inputs[{i}].reshape({Reshape(view.InputShape)})" : $"inputs[{i}]";
                    writer.WriteLine($"var __sdl_embedding{i} = {encoder}.call({input});");
                    foreach (var (tap, index) in captures.Where(c => c.Tap.View == view.Name))
                        writer.WriteLine($"__sdl_taps.Add(\"{tap.Key}\", this.{CaptureField(index)}.Take());");
                    embeddings.Add($"__sdl_embedding{i}");
                }
                else if (model.Objective.Kind == ObjectiveKind.Fae)
                {
                    writer.WriteLine($"var __sdl_latent{i} = {encoder}.Encode(inputs[{i}], __sdl_taps);");
                    writer.WriteLine($"var __sdl_reconstruction{i} = {encoder}.Decode(__sdl_latent{i}, __sdl_taps);");
                    writer.WriteLine($"var __sdl_shared{i} = __sdl_latent{i}.narrow(1, 0, {Number(((FaeSpec)model.Objective).Shared)});");
                    embeddings.Add($"__sdl_shared{i}");
                    reconstructions.Add($"__sdl_reconstruction{i}");
                }
                else
                {
                    writer.WriteLine($"var __sdl_embedding{i} = {encoder}.Encode(inputs[{i}], __sdl_taps);");
                    embeddings.Add($"__sdl_embedding{i}");
                }
            }
            var reconstructionArgument = reconstructions.Count > 0 ? $", new[] {{ {string.Join(", ", reconstructions)} }}" : "";
            writer.WriteLine($"return new {Models}.MultiViewOutput(new[] {{ {string.Join(", ", embeddings)} }}, __sdl_taps{reconstructionArgument});");
            writer.CloseBlock();
        }

        private static void WriteComputeLoss(IndentedWriter writer, ModelSpec model)
        {
            var objective = model.Objective;
            writer.WriteLine($"/// <summary>{Describe(objective)} (declared; see <see cref=\"Info\"/> for the values in force); each weighted term is named in the breakdown.</summary>");
            writer.WriteLine("/// <param name=\"output\">What <see cref=\"forward\"/> returned for this batch.</param>");
            writer.WriteLine("/// <param name=\"inputs\">The batch, one tensor per view.</param>");
            writer.WriteLine("/// <param name=\"labels\">Class labels; used by [Supervised] models only.</param>");
            writer.OpenBlock($"public override {Models}.LossBreakdown ComputeLoss({Models}.MultiViewOutput output, {TensorList} inputs, {Tensor}? labels = null)");
            writer.WriteLine($"return this.{ObjectiveField}.call(output, inputs, labels);");
            writer.CloseBlock();
        }

        private static void WriteSummary(IndentedWriter writer, ModelSpec model)
        {
            writer.WriteLine("/// <inheritdoc/>");
            writer.OpenBlock("public override string Summary()");
            writer.WriteLine($"return new {Models}.ModelSummary(\"{Plain(model.Type.ClassName)}: {Describe(model.Objective)}\")");
            writer.Indent();
            for (int i = 0; i < model.Views.Count; i++)
            {
                var view = model.Views[i];
                if (view.Kind == ViewKind.Custom)
                {
                    writer.WriteLine($".Add(\"{view.Name}\", \"{view.PropertyType.Replace("global::", "")}\", $\"[{{this.Info.Views[{i}].EmbeddingSize}}]\", this.{EncoderField(view)})");
                    continue;
                }
                var layers = view.Layers.Concat(view.DecoderLayers).ToList();
                for (int l = 0; l < layers.Count; l++)
                {
                    var layer = layers[l];
                    var module = EncoderEmitter.HasModule(layer) ? $"this.{EncoderField(view)}.{EncoderEmitter.LayerField(layer)}" : "null";
                    bool resized = view.ResizableFrom >= 0 && l >= view.ResizableFrom && l < view.Layers.Count;
                    var shape = resized ? $"$\"[{{this.Info.Views[{i}].EmbeddingSize}}]\"" : $"\"[{LayerFormat(layer.OutputShape)}]\"";
                    var kind = resized && layer is DenseLayer dense ? $"$\"{EncoderEmitter.Describe(layer).Replace($"→ {dense.Units}", $"→ {{this.Info.Views[{i}].EmbeddingSize}}")}\"" : $"\"{EncoderEmitter.Describe(layer)}\"";
                    writer.WriteLine($".Add(\"{view.Name}.{layer.Name}\", {kind}, {shape}, {module})");
                }
            }
            writer.WriteLine(".Notes(this.Info.Hyperparameters!.Describe())");
            writer.WriteLine(".ToString();");
            writer.Unindent();
            writer.CloseBlock();
        }

        internal static IEnumerable<TapSpec> AllTaps(ModelSpec model) => model.Views.SelectMany(v => v.Taps);

        /// <summary>The taps of custom encoders with their index among all taps (hooks capture them).</summary>
        private static IEnumerable<(TapSpec Tap, int Index)> CustomTaps(ModelSpec model) =>
            AllTaps(model).Select((tap, index) => (tap, index)).Where(t => model.Views.First(v => v.Name == t.tap.View).Kind == ViewKind.Custom);

        internal static IEnumerable<DropoutLayer> Dropouts(ViewSpec view) => view.Layers.Concat(view.DecoderLayers).OfType<DropoutLayer>();

        private static int ViewIndex(ModelSpec model, string view) => model.Views.ToList().FindIndex(v => v.Name == view);

        private static string EncoderType(ViewSpec view) => view.Kind == ViewKind.Declared ? EncoderEmitter.ClassName(view) : view.PropertyType.TrimEnd('?');

        private static string EncoderField(ViewSpec view) => "__sdl_view_" + view.Name;

        private const string ObjectiveField = "__sdl_objective";

        /// <summary>The objective's runtime type, by convention <c>Sdl.Runtime.Objectives.{Kind}Objective</c>.</summary>
        private static string ObjectiveType(ModelSpec model) => model.Objective is CustomSpec custom ? custom.RuntimeType : $"{Objectives}.{model.Objective.Kind}Objective";

        /// <summary>The objective's own settings record (its attribute's values without λ and the architecture).</summary>
        private static string Settings(ObjectiveSpec objective) => objective switch
        {
            DccaSpec d => $"new {Objectives}.DccaSettings({Number(d.TopK)}, {Number(d.Ridge)}, {Number(d.EigenvalueFloor)}, {(d.UseFloat64 ? "true" : "false")})",
            DccaEySpec e => $"new {Objectives}.DccaEySettings({Dsl}.EyPenalty.{e.Penalty})",
            FaeSpec f => $"new {Objectives}.FaeSettings({Number(f.Beta)})",
            CustomSpec c => $"new {c.SettingsType}()" + (c.Settings.Count == 0 ? "" : $" {{ {string.Join(", ", c.Settings.Select(s => $"{s.Name} = {s.Literal}"))} }}"),
            _ => $"new {Objectives}.{objective.Kind}Settings()",
        };

        private static string CaptureField(int tap) => "__sdl_capture" + tap.ToString(CultureInfo.InvariantCulture);

        private static string Describe(ObjectiveSpec objective) => objective.Kind switch
        {
            ObjectiveKind.SoftCca => $"Soft CCA, λ = {Number(objective.Lambda)}",
            ObjectiveKind.Dcca => objective is DccaSpec d ? $"DCCA, top-k = {(d.TopK > 0 ? Number(d.TopK) : "all")}, ridge = {Number(d.Ridge)}, λ = {Number(d.Lambda)}" : "",
            ObjectiveKind.DccaEy => objective is DccaEySpec e ? $"DCCA-EY, penalty = {e.Penalty}, λ = {Number(e.Lambda)}" : "",
            ObjectiveKind.Fae => objective is FaeSpec f ? $"FAE, shared = {f.Shared}, private = {f.Private}, β = {Number(f.Beta)}, λ = {Number(f.Lambda)}" : "",
            ObjectiveKind.Supervised => objective is SupervisedSpec s ? $"supervised, {s.Classes} classes, λ = {Number(s.Lambda)}" : "",
            // Settings as written (enum members without their namespace), quotes made single: the text lands in string literals.
            ObjectiveKind.Custom => objective is CustomSpec c ? $"{c.Attribute}{string.Concat(c.Settings.Select(s => $", {s.Name} = {ShortLiteral(s.Literal)}"))}, λ = {Number(c.Lambda)}" : "",
        };

        /// <summary>A name as text (without a keyword's <c>@</c>).</summary>
        internal static string Plain(string name) => name.TrimStart('@');

        internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains(".") || text.Contains("E")) ? text : text + ".0";

        private static string ShortLiteral(string literal) =>
            (literal.StartsWith("global::") ? literal.Substring(literal.LastIndexOf('.', literal.LastIndexOf('.') - 1) + 1) : literal).Replace('"', '\'').Replace("\\", "/");

        /// <summary>A double as a C# literal: round-trip text, or the named constant for NaN and the infinities.</summary>
        internal static string DoubleLiteral(double value) =>
            double.IsNaN(value) ? "double.NaN" : double.IsPositiveInfinity(value) ? "double.PositiveInfinity" : double.IsNegativeInfinity(value) ? "double.NegativeInfinity" : Number(value);

        internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

        internal static string LongArray(EquatableArray<long> values) => $"new long[] {{ {string.Join(", ", values.Select(v => Number(v)))} }}";

        internal static string Reshape(EquatableArray<long> shape) => "-1, " + string.Join(", ", shape.Select(v => Number(v)));

        internal static string LayerFormat(EquatableArray<long> shape) => string.Join(", ", shape.Select(v => Number(v)));
    }
}
