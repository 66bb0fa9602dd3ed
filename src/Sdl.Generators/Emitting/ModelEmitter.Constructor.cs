using Sdl.Dsl;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sdl.Generators.Model;

namespace Sdl.Generators.Emitting
{
    /// <summary>The constructors: declared hyperparameters with the options applied, encoders, measurements, <c>Info</c> and the one objective.</summary>
    internal static partial class ModelEmitter
    {
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
                writer.WriteLine($"{Models}.Hyperparameters.RequireEqualEmbeddings(\"{ObjectiveName(model.Objective)}\", new string[] {{ {string.Join(", ", model.Views.Select(v => $"\"{v.Name}\""))} }}, new long[] {{ {string.Join(", ", model.Views.Select((_, v) => EmbeddingSize(model, v, measured)))} }});");

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
            writer.WriteLine($"{Settings(objective)}){(objective is SoftCcaSpec { LambdaFollowsWidth: true } ? " { LambdaFollowsWidth = true }" : "")},");
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
            writer.WriteLine($"{Models}.ObjectiveKind.{model.Objective.Kind},");
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
            // A new objective is ObjectiveKind.Custom, named by its attribute: it needs no member of the enum.
            writer.WriteLine(model.Objective is CustomSpec custom ? $"{HyperparametersLocal}) {{ ObjectiveName = \"{custom.Attribute}\" }};" : $"{HyperparametersLocal});");
            writer.Unindent();
        }

        private const string ObjectiveField = "__sdl_objective";

        /// <summary>The objective's name as <c>ModelInfo.ObjectiveName</c> gives it.</summary>
        private static string ObjectiveName(ObjectiveSpec objective) => objective is CustomSpec custom ? custom.Attribute : objective.Kind.ToString();

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
    }
}
