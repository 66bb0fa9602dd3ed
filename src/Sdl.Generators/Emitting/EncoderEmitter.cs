using Sdl.Dsl;
using System.Linq;
using Sdl.Generators.Model;

namespace Sdl.Generators.Emitting
{
    /// <summary>
    /// Writes the nested encoder class of a view with declared layers: one field per layer (the field name is the
    /// layer name, the state_dict key) and an <c>Encode</c> that writes the tagged activations into the taps as it goes.
    /// </summary>
    internal static class EncoderEmitter
    {
        private const string Tensor = "global::TorchSharp.torch.Tensor";
        private const string Nn = "global::TorchSharp.torch.nn";
        private const string Functional = "global::TorchSharp.torch.nn.functional";
        private const string TapDictionary = "global::System.Collections.Generic.IDictionary<string, global::TorchSharp.torch.Tensor>";

        public static string ClassName(ViewSpec view) => "__SdlEncoder_" + view.Name;

        /// <summary>A layer's field: prefixed, so that any layer name compiles; its component name is the layer name.</summary>
        public static string LayerField(LayerSpec layer) => "__sdl_layer_" + layer.Name;

        public static void Write(IndentedWriter writer, ViewSpec view, int viewIndex, int dropoutOffset)
        {
            var layers = view.Layers.Concat(view.DecoderLayers).ToList();
            writer.WriteLine($"// The encoder of view {view.Name}, built from its declared layers; private, it is reached through the view property.");
            writer.WriteLine(ModelEmitter.GeneratedCode);
            writer.OpenBlock($"private sealed class {ClassName(view)} : global::Sdl.Runtime.Models.ViewEncoder");
            foreach (var layer in layers.Where(HasModule))
            {
                writer.WriteLine($"[global::TorchSharp.Utils.ComponentName(Name = \"{layer.Name}\")]");
                writer.WriteLine($"internal readonly {ModuleType(layer)} {LayerField(layer)};");
            }
            writer.WriteLine();
            writer.OpenBlock($"public {ClassName(view)}(global::Sdl.Runtime.Models.Hyperparameters __sdl_hyperparameters) : base(\"{view.Name}\")");
            int dropout = dropoutOffset;
            for (int i = 0; i < layers.Count; i++)
            {
                var layer = layers[i];
                if (!HasModule(layer)) continue;
                bool resized = view.ResizableFrom >= 0 && i >= view.ResizableFrom && i < view.Layers.Count;
                string width = $"__sdl_hyperparameters.EmbeddingSizes[{viewIndex}]";
                string probability = layer.Kind == LayerKind.Dropout ? $"__sdl_hyperparameters.Dropouts[{dropout++}].Probability" : "";
                writer.WriteLine($"this.{LayerField(layer)} = {Construct(layer, resized ? width : null, probability)};");
            }
            writer.WriteLine("RegisterComponents();");
            writer.CloseBlock();
            writer.WriteLine();

            writer.OpenBlock($"public override {Tensor} Encode({Tensor} input, {TapDictionary}? taps)");
            writer.WriteLine(view.InputShape.Count > 1 ? $"var __sdl_x = input.reshape({ModelEmitter.Reshape(view.InputShape)});" : "var __sdl_x = input;");
            WriteStack(writer, view, view.Layers);
            writer.WriteLine("return __sdl_x;");
            writer.CloseBlock();

            if (view.DecoderLayers.Count > 0)
            {
                writer.WriteLine();
                writer.OpenBlock($"public override {Tensor} Decode({Tensor} latent, {TapDictionary}? taps)");
                writer.WriteLine("var __sdl_x = latent;");
                WriteStack(writer, view, view.DecoderLayers);
                writer.WriteLine("return __sdl_x;");
                writer.CloseBlock();
            }
            writer.CloseBlock();
        }

        private static void WriteStack(IndentedWriter writer, ViewSpec view, EquatableArray<LayerSpec> layers)
        {
            foreach (var layer in layers)
            {
                if (layer.Kind == LayerKind.Reshape)
                    writer.WriteLine($"__sdl_x = __sdl_x.reshape({ModelEmitter.Reshape(layer.OutputShape)});");
                else
                    writer.WriteLine($"__sdl_x = this.{LayerField(layer)}.call(__sdl_x);");
                var activation = FollowingActivation(layer);
                if (activation != Activation.None)
                    writer.WriteLine($"__sdl_x = {ActivationCall(activation)};");
                if (layer.IsTapped)
                    writer.WriteLine($"taps?.Add(\"{view.Name}.{layer.Name}\", __sdl_x);");
            }
        }

        /// <summary>The activation a Dense or Conv2d layer applies after its module (the others have none or are one).</summary>
        private static Activation FollowingActivation(LayerSpec layer) => layer.Kind switch
        {
            LayerKind.Dense => ((DenseLayer)layer).Activation,
            LayerKind.Conv2d => ((Conv2dLayer)layer).Activation,
            LayerKind.Dropout or LayerKind.BatchNorm or LayerKind.LayerNorm or LayerKind.Activation
                or LayerKind.MaxPool2d or LayerKind.Flatten or LayerKind.Reshape or LayerKind.Custom => Activation.None,
        };

        /// <summary>Reshape is a tensor operation, not a module: it has no parameters and nothing for hooks to see.</summary>
        public static bool HasModule(LayerSpec layer) => layer.Kind != LayerKind.Reshape;

        private static string ModuleType(LayerSpec layer) => layer is CustomLayer custom ? custom.RuntimeType : "global::TorchSharp.Modules." + layer.Kind switch
        {
            LayerKind.Dense => "Linear",
            LayerKind.Dropout => "Dropout",
            LayerKind.BatchNorm => layer.InputShape.Count == 1 ? "BatchNorm1d" : "BatchNorm2d",
            LayerKind.LayerNorm => "LayerNorm",
            LayerKind.Activation => ActivationModule(((ActivationLayer)layer).Activation),
            LayerKind.Conv2d => "Conv2d",
            LayerKind.MaxPool2d => "MaxPool2d",
            LayerKind.Flatten => "Flatten",
            LayerKind.Reshape => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Kind, "A reshape has no module."),
            LayerKind.Custom => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Kind, "A new layer kind names its own module type."),
        };

        /// <summary>
        /// The module's construction; <paramref name="width"/> is the run-time embedding width for the layers that make or
        /// follow a resizable embedding (null otherwise), <paramref name="probability"/> a dropout's run-time probability.
        /// </summary>
        private static string Construct(LayerSpec layer, string? width, string probability)
        {
            string n(long value) => ModelEmitter.Number(value);
            return layer.Kind switch
            {
                LayerKind.Dense => Linear((DenseLayer)layer, width),
                LayerKind.Dropout => $"{Nn}.Dropout({probability})",
                LayerKind.BatchNorm => $"{Nn}.{(layer.InputShape.Count == 1 ? "BatchNorm1d" : "BatchNorm2d")}({width ?? n(layer.InputShape[0])})",
                LayerKind.LayerNorm => width is null ? $"{Nn}.LayerNorm({ModelEmitter.LongArray(layer.InputShape)})" : $"{Nn}.LayerNorm(new long[] {{ {width} }})",
                LayerKind.Activation => $"{Nn}.{ActivationModule(((ActivationLayer)layer).Activation)}()",
                LayerKind.Conv2d => Conv2d((Conv2dLayer)layer),
                LayerKind.MaxPool2d => $"{Nn}.MaxPool2d({n(((MaxPool2dLayer)layer).KernelSize)}, stride: {n(((MaxPool2dLayer)layer).Stride)})",
                LayerKind.Flatten => $"{Nn}.Flatten()",
                LayerKind.Reshape => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Kind, "A reshape has no module."),
                LayerKind.Custom => Custom((CustomLayer)layer, width),
            };
        }

        /// <summary>
        /// A new layer kind: its module with the input width, then the attribute's arguments by name. The run-time width is
        /// its output width when it makes a resizable embedding, else its input width (it keeps the width, after that layer).
        /// </summary>
        private static string Custom(CustomLayer layer, string? width)
        {
            var arguments = layer.Arguments.Select((a, i) => $"{a.Parameter}: {(width is not null && i == layer.WidthArgument ? width : a.Literal)}");
            string input = width is not null && !layer.SetsWidth ? width : ModelEmitter.Number(layer.InputShape[0]);
            return $"new {layer.RuntimeType}({string.Join(", ", new[] { input }.Concat(arguments))})";
        }

        private static string Linear(DenseLayer dense, string? width) =>
            $"{Nn}.Linear({ModelEmitter.Number(dense.InputShape[0])}, {width ?? ModelEmitter.Number(dense.Units)}, hasBias: {(dense.Bias ? "true" : "false")})";

        // A literal padding of 0 would also convert to TorchSharp's Padding enum and make the call ambiguous: leave defaults out.
        private static string Conv2d(Conv2dLayer conv)
        {
            string n(long value) => ModelEmitter.Number(value);
            return $"{Nn}.Conv2d({n(conv.InputShape[0])}, {n(conv.OutChannels)}, kernel_size: {n(conv.KernelSize)}" +
                (conv.Stride != 1 ? $", stride: {n(conv.Stride)}" : "") + (conv.Padding != 0 ? $", padding: {n(conv.Padding)}" : "") + ")";
        }

        private static string ActivationModule(Activation activation) => activation switch
        {
            Activation.ReLU => "ReLU",
            Activation.Tanh => "Tanh",
            Activation.Sigmoid => "Sigmoid",
            Activation.GELU => "GELU",
            Activation.LeakyReLU => "LeakyReLU",
            Activation.ELU => "ELU",
            Activation.None => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "No activation module."),
        };

        private static string ActivationCall(Activation activation) => activation switch
        {
            Activation.ReLU => $"{Functional}.relu(__sdl_x)",
            Activation.Tanh => $"{Functional}.tanh(__sdl_x)",
            Activation.Sigmoid => $"{Functional}.sigmoid(__sdl_x)",
            Activation.GELU => $"{Functional}.gelu(__sdl_x)",
            Activation.LeakyReLU => $"{Functional}.leaky_relu(__sdl_x, 0.01)",
            Activation.ELU => $"{Functional}.elu(__sdl_x, 1.0)",
            Activation.None => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "No activation to call."),
        };

        /// <summary>
        /// A short description of a layer for the summary table. <paramref name="width"/>, for a layer that makes or follows a
        /// resizable embedding, is an interpolation hole that stands for the run-time width (Dense and new kinds show it).
        /// </summary>
        public static string Describe(LayerSpec layer, string? width = null)
        {
            string Act(Activation a) => a == Activation.None ? "" : ", " + a;
            string Shape(EquatableArray<long> s) => string.Join("×", s.Select(v => ModelEmitter.Number(v)));
            return layer.Kind switch
            {
                LayerKind.Dense => $"Dense({Shape(layer.InputShape)} → {width ?? ModelEmitter.Number(((DenseLayer)layer).Units)}{Act(((DenseLayer)layer).Activation)})",
                LayerKind.Dropout => $"Dropout(p = {ModelEmitter.Number(((DropoutLayer)layer).Probability)})",
                LayerKind.BatchNorm => $"BatchNorm({layer.InputShape[0]})",
                LayerKind.LayerNorm => $"LayerNorm({Shape(layer.InputShape)})",
                LayerKind.Activation => ((ActivationLayer)layer).Activation.ToString(),
                LayerKind.Conv2d => layer is Conv2dLayer c ? $"Conv2d({c.InputShape[0]} → {c.OutChannels}, {c.KernelSize}×{c.KernelSize}, stride {c.Stride}, padding {c.Padding}{Act(c.Activation)})" : "",
                LayerKind.MaxPool2d => layer is MaxPool2dLayer p ? $"MaxPool2d({p.KernelSize}×{p.KernelSize}, stride {p.Stride})" : "",
                LayerKind.Flatten => "Flatten",
                LayerKind.Reshape => "Reshape",
                LayerKind.Custom => DescribeCustom((CustomLayer)layer, width),
            };
        }

        /// <summary><c>Summary(in → out, parameter = value, ...)</c>; a keeping layer shows its one width. Text lands in string literals.</summary>
        private static string DescribeCustom(CustomLayer layer, string? width)
        {
            string Text(string literal) => ModelEmitter.ShortLiteral(literal).Replace("{", width is null ? "{" : "{{").Replace("}", width is null ? "}" : "}}");
            string input = width is not null && !layer.SetsWidth ? width : ModelEmitter.Number(layer.InputShape[0]);
            string widths = layer.SetsWidth ? $"{input} → {width ?? ModelEmitter.Number(layer.OutputShape[0])}" : input;
            var settings = layer.Arguments.Where((_, i) => i != layer.WidthArgument).Select(a => $", {a.Parameter.TrimStart('@')} = {Text(a.Literal)}");
            return $"{Text(layer.Summary)}({widths}{string.Concat(settings)})";
        }
    }
}
