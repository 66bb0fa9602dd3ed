using Sdl.Dsl;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sdl.Generators.Model;

namespace Sdl.Generators.Emitting
{
    /// <summary><c>forward</c> (encode every view, capture the taps) and <c>ComputeLoss</c> (one call of the objective).</summary>
    internal static partial class ModelEmitter
    {
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
    }
}
