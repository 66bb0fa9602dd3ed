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
    /// qualified with <c>this.</c>, so any name a user gives a view or a layer compiles; layer modules carry their
    /// user-facing names (the state_dict keys) in <c>[ComponentName]</c>, not in their field names, and the objective names
    /// its own. One file per concern: this one (the type, its fields, the skeleton, shared helpers),
    /// <c>ModelEmitter.Constructor.cs</c>, <c>ModelEmitter.ForwardAndLoss.cs</c> and <c>ModelEmitter.Summary.cs</c>.
    /// </remarks>
    internal static partial class ModelEmitter
    {
        private const string Tensor = "global::TorchSharp.torch.Tensor";
        private const string Device = "global::TorchSharp.torch.Device";
        private const string TensorList = "global::System.Collections.Generic.IReadOnlyList<global::TorchSharp.torch.Tensor>";
        private const string Models = "global::Sdl.Runtime.Models";
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

        private static void WriteViewProperties(IndentedWriter writer, ModelSpec model)
        {
            foreach (var view in model.Views)
            {
                writer.WriteLine($"/// <summary>The encoder of view <c>{view.Name}</c>.</summary>");
                writer.WriteLine($"{view.PropertyModifiers} {view.PropertyType} {Parsing.ModelParser.EscapedName(view.Name)} {{ get => this.{EncoderField(view)}; }}");
                writer.WriteLine();
            }
        }

        internal static IEnumerable<TapSpec> AllTaps(ModelSpec model) => model.Views.SelectMany(v => v.Taps);

        /// <summary>The taps of custom encoders with their index among all taps (hooks capture them).</summary>
        private static IEnumerable<(TapSpec Tap, int Index)> CustomTaps(ModelSpec model) =>
            AllTaps(model).Select((tap, index) => (tap, index)).Where(t => model.Views.First(v => v.Name == t.tap.View).Kind == ViewKind.Custom);

        internal static IEnumerable<DropoutLayer> Dropouts(ViewSpec view) => view.Layers.Concat(view.DecoderLayers).OfType<DropoutLayer>();

        private static int ViewIndex(ModelSpec model, string view) => model.Views.ToList().FindIndex(v => v.Name == view);

        private static string EncoderType(ViewSpec view) => view.Kind == ViewKind.Declared ? EncoderEmitter.ClassName(view) : view.PropertyType.TrimEnd('?');

        private static string EncoderField(ViewSpec view) => "__sdl_view_" + view.Name;

        private static string CaptureField(int tap) => "__sdl_capture" + tap.ToString(CultureInfo.InvariantCulture);

        /// <summary>A name as text (without a keyword's <c>@</c>).</summary>
        internal static string Plain(string name) => name.TrimStart('@');

        internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture) is var text && (text.Contains(".") || text.Contains("E")) ? text : text + ".0";

        /// <summary>A double as a C# literal: round-trip text, or the named constant for NaN and the infinities.</summary>
        internal static string DoubleLiteral(double value) =>
            double.IsNaN(value) ? "double.NaN" : double.IsPositiveInfinity(value) ? "double.PositiveInfinity" : double.IsNegativeInfinity(value) ? "double.NegativeInfinity" : Number(value);

        internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

        internal static string LongArray(EquatableArray<long> values) => $"new long[] {{ {string.Join(", ", values.Select(v => Number(v)))} }}";

        internal static string Reshape(EquatableArray<long> shape) => "-1, " + string.Join(", ", shape.Select(v => Number(v)));

        internal static string LayerFormat(EquatableArray<long> shape) => string.Join(", ", shape.Select(v => Number(v)));
    }
}
