using Sdl.Dsl;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sdl.Generators.Model;

namespace Sdl.Generators.Emitting
{
    /// <summary><c>Summary()</c> and the objective's one-line description.</summary>
    internal static partial class ModelEmitter
    {
        private static void WriteSummary(IndentedWriter writer, ModelSpec model)
        {
            writer.WriteLine("/// <inheritdoc/>");
            writer.OpenBlock("public override string Summary()");
            // The title is made at run time from the settings in force, so construction-time overrides show.
            writer.WriteLine($"return new {Models}.ModelSummary(this.Info.Hyperparameters!.Title(\"{Plain(model.Type.ClassName)}: {Heading(model.Objective)}\"))");
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
                    var kind = resized && layer.Kind is LayerKind.Dense or LayerKind.Custom
                        ? $"$\"{EncoderEmitter.Describe(layer, $"{{this.Info.Views[{i}].EmbeddingSize}}")}\""
                        : $"\"{EncoderEmitter.Describe(layer)}\"";
                    writer.WriteLine($".Add(\"{view.Name}.{layer.Name}\", {kind}, {shape}, {module})");
                }
            }
            writer.WriteLine(".Notes(this.Info.Hyperparameters!.Describe())");
            writer.WriteLine(".ToString();");
            writer.Unindent();
            writer.CloseBlock();
        }

        private static string Describe(ObjectiveSpec objective) => objective.Kind switch
        {
            ObjectiveKind.SoftCca => $"Soft CCA, {(objective is SoftCcaSpec { LambdaFollowsWidth: true } ? "width-dependent " : "")}λ = {Number(objective.Lambda)}",
            ObjectiveKind.Dcca => objective is DccaSpec d ? $"DCCA, top-k = {(d.TopK > 0 ? Number(d.TopK) : "all")}, ridge = {Number(d.Ridge)}, λ = {Number(d.Lambda)}" : "",
            ObjectiveKind.DccaEy => objective is DccaEySpec e ? $"DCCA-EY, penalty = {e.Penalty}, λ = {Number(e.Lambda)}" : "",
            ObjectiveKind.Fae => objective is FaeSpec f ? $"FAE, shared = {f.Shared}, private = {f.Private}, β = {Number(f.Beta)}, λ = {Number(f.Lambda)}" : "",
            ObjectiveKind.Supervised => objective is SupervisedSpec s ? $"supervised, {s.Classes} classes, λ = {Number(s.Lambda)}" : "",
            // Settings as written (enum members without their namespace), quotes made single: the text lands in string literals.
            ObjectiveKind.Custom => objective is CustomSpec c ? $"{c.Attribute}{string.Concat(c.Settings.Select(s => $", {s.Name} = {ShortLiteral(s.Literal)}"))}, λ = {Number(c.Lambda)}" : "",
        };

        /// <summary>The objective's part of the summary's title that no option changes; its settings and λ follow at run time.</summary>
        private static string Heading(ObjectiveSpec objective) => objective.Kind switch
        {
            ObjectiveKind.SoftCca => "Soft CCA",
            ObjectiveKind.Dcca => "DCCA",
            ObjectiveKind.DccaEy => "DCCA-EY",
            ObjectiveKind.Fae => objective is FaeSpec f ? $"FAE, shared = {f.Shared}, private = {f.Private}" : "",
            ObjectiveKind.Supervised => objective is SupervisedSpec s ? $"supervised, {s.Classes} classes" : "",
            ObjectiveKind.Custom => objective is CustomSpec c ? c.Attribute : "",
        };

        internal static string ShortLiteral(string literal) =>
            (literal.StartsWith("global::") ? literal.Substring(literal.LastIndexOf('.', literal.LastIndexOf('.') - 1) + 1) : literal).Replace('"', '\'').Replace("\\", "/");
    }
}
