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

        public static string ClassName(ViewSpec view) => view.Name + "Encoder";

        public static void Write(IndentedWriter writer, ViewSpec view, string generatedCode)
        {
            writer.WriteLine($"/// <summary>The encoder of view <c>{view.Name}</c>, built from its declared layers.</summary>");
            writer.WriteLine(generatedCode);
            writer.OpenBlock($"public sealed class {ClassName(view)} : global::Sdl.Runtime.Models.ViewEncoder");
            foreach (var layer in view.Layers.Concat(view.DecoderLayers).Where(HasModule))
                writer.WriteLine($"public readonly {ModuleType(layer)} {layer.Name};");
            writer.WriteLine();
            writer.OpenBlock($"public {ClassName(view)}() : base(\"{view.Name}\")");
            foreach (var layer in view.Layers.Concat(view.DecoderLayers).Where(HasModule))
                writer.WriteLine($"{layer.Name} = {Construct(layer)};");
            writer.WriteLine("RegisterComponents();");
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <inheritdoc/>");
            writer.OpenBlock($"public override {Tensor} Encode({Tensor} input, {TapDictionary}? taps)");
            writer.WriteLine(view.InputShape.Count > 1 ? $"var x = input.reshape({ModelEmitter.Reshape(view.InputShape)});" : "var x = input;");
            WriteStack(writer, view, view.Layers);
            writer.WriteLine("return x;");
            writer.CloseBlock();

            if (view.DecoderLayers.Count > 0)
            {
                writer.WriteLine();
                writer.WriteLine("/// <inheritdoc/>");
                writer.OpenBlock($"public override {Tensor} Decode({Tensor} latent, {TapDictionary}? taps)");
                writer.WriteLine("var x = latent;");
                WriteStack(writer, view, view.DecoderLayers);
                writer.WriteLine("return x;");
                writer.CloseBlock();
            }
            writer.CloseBlock();
        }

        private static void WriteStack(IndentedWriter writer, ViewSpec view, EquatableArray<LayerSpec> layers)
        {
            foreach (var layer in layers)
            {
                if (layer.Kind == LayerKind.Reshape)
                    writer.WriteLine($"x = x.reshape({ModelEmitter.Reshape(layer.OutputShape)});");
                else
                    writer.WriteLine($"x = {layer.Name}.call(x);");
                if ((layer.Kind == LayerKind.Dense || layer.Kind == LayerKind.Conv2d) && layer.Activation != ActivationKind.None)
                    writer.WriteLine($"x = {ActivationCall(layer.Activation)};");
                if (layer.IsTapped)
                    writer.WriteLine($"taps?.Add(\"{view.Name}.{layer.Name}\", x);");
            }
        }

        /// <summary>Reshape is a tensor operation, not a module: it has no parameters and nothing for hooks to see.</summary>
        public static bool HasModule(LayerSpec layer) => layer.Kind != LayerKind.Reshape;

        private static string ModuleType(LayerSpec layer) => "global::TorchSharp.Modules." + layer.Kind switch
        {
            LayerKind.Dense => "Linear",
            LayerKind.Dropout => "Dropout",
            LayerKind.BatchNorm => layer.InputShape.Count == 1 ? "BatchNorm1d" : "BatchNorm2d",
            LayerKind.LayerNorm => "LayerNorm",
            LayerKind.Activation => ActivationModule(layer.Activation),
            LayerKind.Conv2d => "Conv2d",
            LayerKind.MaxPool2d => "MaxPool2d",
            _ => "Flatten",
        };

        private static string Construct(LayerSpec layer)
        {
            string n(long value) => ModelEmitter.Number(value);
            return layer.Kind switch
            {
                LayerKind.Dense => $"{Nn}.Linear({n(layer.InputShape[0])}, {n(layer.Size)}, hasBias: {(layer.Bias ? "true" : "false")})",
                LayerKind.Dropout => $"{Nn}.Dropout({ModelEmitter.Number(layer.Probability)})",
                LayerKind.BatchNorm => $"{Nn}.{(layer.InputShape.Count == 1 ? "BatchNorm1d" : "BatchNorm2d")}({n(layer.Size)})",
                LayerKind.LayerNorm => $"{Nn}.LayerNorm({ModelEmitter.LongArray(layer.InputShape)})",
                LayerKind.Activation => $"{Nn}.{ActivationModule(layer.Activation)}()",
                // A literal padding of 0 would also convert to TorchSharp's Padding enum and make the call ambiguous: leave defaults out.
                LayerKind.Conv2d => $"{Nn}.Conv2d({n(layer.InputShape[0])}, {n(layer.Size)}, kernel_size: {n(layer.KernelSize)}" +
                    (layer.Stride != 1 ? $", stride: {n(layer.Stride)}" : "") + (layer.Padding != 0 ? $", padding: {n(layer.Padding)}" : "") + ")",
                LayerKind.MaxPool2d => $"{Nn}.MaxPool2d({n(layer.KernelSize)}, stride: {n(layer.Stride == 0 ? layer.KernelSize : layer.Stride)})",
                _ => $"{Nn}.Flatten()",
            };
        }

        private static string ActivationModule(ActivationKind activation) => activation switch
        {
            ActivationKind.ReLU => "ReLU",
            ActivationKind.Tanh => "Tanh",
            ActivationKind.Sigmoid => "Sigmoid",
            ActivationKind.GELU => "GELU",
            ActivationKind.LeakyReLU => "LeakyReLU",
            _ => "ELU",
        };

        private static string ActivationCall(ActivationKind activation) => activation switch
        {
            ActivationKind.ReLU => $"{Functional}.relu(x)",
            ActivationKind.Tanh => $"{Functional}.tanh(x)",
            ActivationKind.Sigmoid => $"{Functional}.sigmoid(x)",
            ActivationKind.GELU => $"{Functional}.gelu(x)",
            ActivationKind.LeakyReLU => $"{Functional}.leaky_relu(x, 0.01)",
            _ => $"{Functional}.elu(x, 1.0)",
        };

        /// <summary>A short description of a layer for the summary table.</summary>
        public static string Describe(LayerSpec layer)
        {
            string Act(ActivationKind a) => a == ActivationKind.None ? "" : ", " + a;
            string Shape(EquatableArray<long> s) => string.Join("×", s.Select(v => ModelEmitter.Number(v)));
            return layer.Kind switch
            {
                LayerKind.Dense => $"Dense({Shape(layer.InputShape)} → {layer.Size}{Act(layer.Activation)})",
                LayerKind.Dropout => $"Dropout(p = {ModelEmitter.Number(layer.Probability)})",
                LayerKind.BatchNorm => $"BatchNorm({layer.Size})",
                LayerKind.LayerNorm => $"LayerNorm({Shape(layer.InputShape)})",
                LayerKind.Activation => layer.Activation.ToString(),
                LayerKind.Conv2d => $"Conv2d({layer.InputShape[0]} → {layer.Size}, {layer.KernelSize}×{layer.KernelSize}, stride {layer.Stride}, padding {layer.Padding}{Act(layer.Activation)})",
                LayerKind.MaxPool2d => $"MaxPool2d({layer.KernelSize}×{layer.KernelSize}, stride {(layer.Stride == 0 ? layer.KernelSize : layer.Stride)})",
                LayerKind.Flatten => "Flatten",
                _ => "Reshape",
            };
        }
    }
}
