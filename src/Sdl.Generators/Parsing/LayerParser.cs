using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Sdl.Generators.Diagnostics;
using Sdl.Generators.Model;

namespace Sdl.Generators.Parsing
{
    /// <summary>
    /// Turns one view's layer attributes into <see cref="LayerSpec"/>s, inferring each layer's output shape
    /// (per sample) from its input so that size errors are reported at compile time, on the layer's attribute.
    /// </summary>
    internal static class LayerParser
    {
        private static readonly Dictionary<string, LayerKind> KindsByAttribute = new Dictionary<string, LayerKind>
        {
            [TypeNames.DenseAttribute] = LayerKind.Dense,
            [TypeNames.DropoutAttribute] = LayerKind.Dropout,
            [TypeNames.BatchNormAttribute] = LayerKind.BatchNorm,
            [TypeNames.LayerNormAttribute] = LayerKind.LayerNorm,
            [TypeNames.ActivationLayerAttribute] = LayerKind.Activation,
            [TypeNames.Conv2dAttribute] = LayerKind.Conv2d,
            [TypeNames.MaxPool2dAttribute] = LayerKind.MaxPool2d,
            [TypeNames.FlattenAttribute] = LayerKind.Flatten,
            [TypeNames.ReshapeAttribute] = LayerKind.Reshape,
        };

        public static bool IsLayerAttribute(AttributeReader attribute) => KindsByAttribute.ContainsKey(attribute.ClassName);

        public static bool IsDecoderLayer(AttributeReader attribute) => attribute.Bool("Decoder", false);

        /// <summary>
        /// Parses a stack of layers starting from <paramref name="inputShape"/>; returns null when an error was reported.
        /// <paramref name="seenNames"/> is shared by a view's encoder and decoder so names stay unique within the view.
        /// </summary>
        public static List<LayerSpec>? ParseStack(
            string view,
            IReadOnlyList<AttributeReader> attributes,
            IReadOnlyList<long> inputShape,
            ISet<string> tappedLayers,
            HashSet<string> seenNames,
            List<DiagnosticInfo> diagnostics)
        {
            var layers = new List<LayerSpec>();
            var shape = inputShape.ToArray();
            bool ok = true;
            foreach (var attribute in attributes)
            {
                var layer = ParseLayer(view, attribute, shape, tappedLayers, seenNames, diagnostics);
                if (layer is null)
                {
                    ok = false;
                    continue;
                }
                layers.Add(layer);
                shape = layer.OutputShape.ToArray();
            }
            return ok ? layers : null;
        }

        private static LayerSpec? ParseLayer(
            string view,
            AttributeReader attribute,
            long[] input,
            ISet<string> tappedLayers,
            HashSet<string> seenNames,
            List<DiagnosticInfo> diagnostics)
        {
            var kind = KindsByAttribute[attribute.ClassName];
            var name = attribute.String(0);
            int errors = diagnostics.Count(d => d.IsError);

            if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerName, attribute.Location, name));
            else if (!seenNames.Add(name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, attribute.Location, view, name));

            var activation = ActivationKind.None;
            long size = 0, kernel = 0, stride = 0, padding = 0;
            double probability = 0;
            bool bias = true;
            long[]? output = null;
            string shapeText = Format(input);

            void Size(string what, long value, string rule)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, what, value, rule));
            }

            void Mismatch(string need)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerShapeMismatch, attribute.Location, name, view, shapeText, need));
            }

            switch (kind)
            {
                case LayerKind.Dense:
                    size = attribute.Long(1);
                    activation = (ActivationKind)attribute.Long(2);
                    bias = attribute.Bool("Bias", true);
                    if (size <= 0) Size($"Units of '{name}'", size, "a dense layer needs at least one unit");
                    if (input.Length != 1) Mismatch("Dense reads a flat input; add [Flatten] before it");
                    output = new[] { size };
                    break;
                case LayerKind.Dropout:
                    probability = attribute.Double(1, 0.5);
                    if (probability < 0 || probability >= 1) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, $"The drop probability of '{name}'", probability, "it must lie in [0, 1)"));
                    output = input;
                    break;
                case LayerKind.BatchNorm:
                    if (input.Length != 1 && input.Length != 3) Mismatch("BatchNorm reads a flat [features] or an image [channels, height, width] input");
                    size = input.Length > 0 ? input[0] : 0;
                    output = input;
                    break;
                case LayerKind.LayerNorm:
                    output = input;
                    break;
                case LayerKind.Activation:
                    activation = (ActivationKind)attribute.Long(1);
                    if (activation == ActivationKind.None) Size($"The activation of '{name}'", 0, "choose a function other than Activation.None");
                    output = input;
                    break;
                case LayerKind.Conv2d:
                    size = attribute.Long(1);
                    kernel = attribute.Long(2);
                    activation = (ActivationKind)attribute.Long(3);
                    stride = attribute.Long("Stride", 1);
                    padding = attribute.Long("Padding", 0);
                    if (size <= 0) Size($"OutChannels of '{name}'", size, "a convolution needs at least one output channel");
                    if (kernel <= 0) Size($"KernelSize of '{name}'", kernel, "the kernel needs a positive size");
                    if (stride <= 0) Size($"Stride of '{name}'", stride, "the stride must be positive");
                    if (padding < 0) Size($"Padding of '{name}'", padding, "the padding must not be negative");
                    if (input.Length != 3) Mismatch("Conv2d reads an image [channels, height, width]; give the view an InputShape or add [Reshape]");
                    else if (kernel > 0 && stride > 0)
                    {
                        long height = (input[1] + 2 * padding - kernel) / stride + 1;
                        long width = (input[2] + 2 * padding - kernel) / stride + 1;
                        if (height <= 0 || width <= 0) Mismatch($"its {kernel}x{kernel} kernel does not fit");
                        output = new[] { size, height, width };
                    }
                    break;
                case LayerKind.MaxPool2d:
                    kernel = attribute.Long(1);
                    stride = attribute.Long("Stride", 0);
                    if (kernel <= 0) Size($"KernelSize of '{name}'", kernel, "the window needs a positive size");
                    if (stride < 0) Size($"Stride of '{name}'", stride, "the stride must be positive (0 means the window size)");
                    if (input.Length != 3) Mismatch("MaxPool2d reads an image [channels, height, width]");
                    else if (kernel > 0 && stride >= 0)
                    {
                        long step = stride == 0 ? kernel : stride;
                        long height = (input[1] - kernel) / step + 1;
                        long width = (input[2] - kernel) / step + 1;
                        if (height <= 0 || width <= 0) Mismatch($"its {kernel}x{kernel} window does not fit");
                        output = new[] { input[0], height, width };
                    }
                    break;
                case LayerKind.Flatten:
                    output = new[] { input.Aggregate(1L, (a, b) => a * b) };
                    break;
                case LayerKind.Reshape:
                    var target = attribute.LongArray(1).ToArray();
                    if (target.Length == 0 || target.Any(d => d <= 0))
                        Size($"The shape of '{name}'", target.Length == 0 ? 0 : target.First(d => d <= 0), "every dimension must be positive");
                    else if (target.Aggregate(1L, (a, b) => a * b) != input.Aggregate(1L, (a, b) => a * b))
                        Mismatch($"[{Format(target)}] holds a different number of elements");
                    output = target;
                    break;
            }

            if (diagnostics.Count(d => d.IsError) > errors || output is null) return null;
            return new LayerSpec(kind, name, input.ToEquatableArray(), output.ToEquatableArray(), activation, size, kernel, stride, padding, probability, bias, tappedLayers.Contains(name));
        }

        public static string Format(IEnumerable<long> shape) => string.Join(", ", shape);
    }
}
