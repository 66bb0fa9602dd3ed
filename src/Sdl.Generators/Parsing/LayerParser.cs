using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sdl.Dsl;
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

        /// <summary>A built-in layer attribute, or one whose class is marked <c>[LayerRuntime]</c> (a new layer kind).</summary>
        public static bool IsLayerAttribute(AttributeReader attribute) =>
            KindsByAttribute.ContainsKey(attribute.ClassName) || attribute.Marker(TypeNames.LayerRuntimeAttribute) is not null;

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
            var kind = KindsByAttribute.TryGetValue(attribute.ClassName, out var known) ? known : LayerKind.Custom;
            var name = attribute.String(0);
            int errors = diagnostics.Count(d => d.IsError);

            // Keywords are fine: generated code never declares a layer's name, only prefixed fields that carry it as their component name.
            if (!SyntaxFacts.IsValidIdentifier(name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerName, attribute.Location, name));
            else if (!seenNames.Add(IdentifierValue(name)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateLayerName, attribute.Location, view, name));

            var activation = Activation.None;
            long size = 0, kernel = 0, stride = 0, padding = 0;
            double probability = 0;
            bool bias = true;
            long[]? output = null;
            CustomLayer? custom = null;
            string shapeText = Format(input);

            void Size(string what, long value, string rule)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, attribute.Location, what, value, rule));
            }
            const string Positive = "a positive integer";

            void Mismatch(string need)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerShapeMismatch, attribute.Location, name, view, shapeText, need));
            }

            // Each kind reads its own arguments and infers its output; the record of its kind is made below.
            switch (kind)
            {
                case LayerKind.Dense:
                    size = attribute.Long(1);
                    activation = attribute.Enum(2, Activation.None, $"The activation of '{view}.{name}'", diagnostics);
                    bias = attribute.Bool("Bias", true);
                    if (size <= 0) Size($"Units of '{name}'", size, Positive);
                    if (input.Length != 1) Mismatch("Dense reads a flat input; add [Flatten] before it");
                    output = new[] { size };
                    break;
                case LayerKind.Dropout:
                    probability = attribute.Double(1, 0.5);
                    if (!SdlRules.IsProbability(probability)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DropoutOutOfRange, attribute.Location, view + "." + name, probability));
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
                    int beforeRead = diagnostics.Count;
                    activation = attribute.Enum(1, Activation.None, $"The activation of '{view}.{name}'", diagnostics);
                    if (activation == Activation.None && diagnostics.Count == beforeRead) Size($"The activation of '{name}'", 0, "an Activation other than None");
                    output = input;
                    break;
                case LayerKind.Conv2d:
                    size = attribute.Long(1);
                    kernel = attribute.Long(2);
                    activation = attribute.Enum(3, Activation.None, $"The activation of '{view}.{name}'", diagnostics);
                    stride = attribute.Long("Stride", 1);
                    padding = attribute.Long("Padding", 0);
                    if (size <= 0) Size($"OutChannels of '{name}'", size, Positive);
                    if (kernel <= 0) Size($"KernelSize of '{name}'", kernel, Positive);
                    if (stride <= 0) Size($"Stride of '{name}'", stride, Positive);
                    if (padding < 0) Size($"Padding of '{name}'", padding, "zero or more");
                    if (input.Length != 3) Mismatch("Conv2d reads an image [channels, height, width]; give the view an InputShape or add [Reshape]");
                    else if (kernel > 0 && stride > 0 && padding >= 0)
                    {
                        // TorchSharp (libtorch): out = floor((in + 2p - k) / s) + 1, and the padded input must hold the kernel.
                        // C#'s division rounds toward zero, so the fit is checked before dividing.
                        if (input[1] + 2 * padding < kernel || input[2] + 2 * padding < kernel)
                            Mismatch($"its {kernel}x{kernel} kernel does not fit the {input[1] + 2 * padding}x{input[2] + 2 * padding} padded input");
                        else
                            output = new[] { size, ShapeRules.SlidingOutput(input[1], kernel, stride, padding), ShapeRules.SlidingOutput(input[2], kernel, stride, padding) };
                    }
                    break;
                case LayerKind.MaxPool2d:
                    kernel = attribute.Long(1);
                    stride = attribute.Long("Stride", 0);
                    if (kernel <= 0) Size($"KernelSize of '{name}'", kernel, Positive);
                    if (stride < 0) Size($"Stride of '{name}'", stride, "zero (the window size) or a positive integer");
                    if (input.Length != 3) Mismatch("MaxPool2d reads an image [channels, height, width]");
                    else if (kernel > 0 && stride >= 0)
                    {
                        long step = stride == 0 ? kernel : stride;
                        if (input[1] < kernel || input[2] < kernel)
                            Mismatch($"its {kernel}x{kernel} window does not fit the {input[1]}x{input[2]} input");
                        else
                            output = new[] { input[0], ShapeRules.SlidingOutput(input[1], kernel, step, 0), ShapeRules.SlidingOutput(input[2], kernel, step, 0) };
                    }
                    break;
                case LayerKind.Flatten:
                    output = new[] { input.Aggregate(1L, (a, b) => a * b) };
                    break;
                case LayerKind.Reshape:
                    var target = attribute.LongArray(1).ToArray();
                    if (target.Length == 0 || target.Any(d => d <= 0))
                        Size($"A dimension of the reshape '{name}'", target.Length == 0 ? 0 : target.First(d => d <= 0), "a positive integer (give at least one)");
                    else if (target.Aggregate(1L, (a, b) => a * b) != input.Aggregate(1L, (a, b) => a * b))
                        Mismatch($"[{Format(target)}] holds a different number of elements");
                    output = target;
                    break;
                case LayerKind.Custom:
                    custom = ParseCustom(view, name, attribute, input, tappedLayers, diagnostics, Size, Mismatch);
                    output = custom?.OutputShape.ToArray();
                    break;
            }

            if (diagnostics.Count(d => d.IsError) > errors || output is null) return null;
            var i = input.ToEquatableArray();
            var o = output.ToEquatableArray();
            bool t = tappedLayers.Contains(name);
            return kind switch
            {
                LayerKind.Dense => new DenseLayer(name, i, o, t, size, activation, bias),
                LayerKind.Dropout => new DropoutLayer(name, i, o, t, probability),
                LayerKind.BatchNorm => new BatchNormLayer(name, i, o, t),
                LayerKind.LayerNorm => new LayerNormLayer(name, i, o, t),
                LayerKind.Activation => new ActivationLayer(name, i, o, t, activation),
                LayerKind.Conv2d => new Conv2dLayer(name, i, o, t, size, kernel, stride, padding, activation),
                LayerKind.MaxPool2d => new MaxPool2dLayer(name, i, o, t, kernel, stride == 0 ? kernel : stride),
                LayerKind.Flatten => new FlattenLayer(name, i, o, t),
                LayerKind.Reshape => new ReshapeLayer(name, i, o, t),
                LayerKind.Custom => custom! with { InputShape = i, OutputShape = o, IsTapped = t },
            };
        }

        /// <summary>
        /// A layer of a new kind: what its <c>[LayerRuntime]</c> marker says, and the attribute's arguments (except the name
        /// and Decoder) as C# literals for the module's constructor, typed as written; an undefined enum value is SDL0037.
        /// The output width, when the marker names its property, must be positive (SDL0010).
        /// </summary>
        private static CustomLayer? ParseCustom(
            string view, string name, AttributeReader attribute, long[] input, ISet<string> tappedLayers, List<DiagnosticInfo> diagnostics,
            System.Action<string, long, string> size, System.Action<string> mismatch)
        {
            var marker = new AttributeReader(attribute.Marker(TypeNames.LayerRuntimeAttribute)!, default);
            string widthProperty = marker.String("OutputWidth", "");
            string summary = marker.String("Summary", attribute.ShortName);
            int errors = diagnostics.Count;

            var arguments = new List<LayerArgument>();
            long? width = null;
            int widthArgument = -1;
            void Add(string property, TypedConstant value)
            {
                string parameter = Parameter(property);
                if (attribute.Literal(value, $"{char.ToUpperInvariant(property[0])}{property.Substring(1)} of '{view}.{name}'", diagnostics) is not string literal) return;
                if (widthProperty.Length > 0 && string.Equals(property, widthProperty, System.StringComparison.OrdinalIgnoreCase))
                {
                    widthArgument = arguments.Count;
                    width = value.Value is object raw && value.Kind == TypedConstantKind.Primitive && raw is not string and not bool
                        ? System.Convert.ToInt64(raw, System.Globalization.CultureInfo.InvariantCulture) : 0;
                }
                arguments.Add(new LayerArgument(parameter, literal));
            }
            foreach (var (parameter, value) in attribute.ConstructorArguments.Skip(1))
                Add(parameter, value);
            foreach (var argument in attribute.NamedArguments)
                if (argument.Key != "Decoder") Add(argument.Key, argument.Value);

            if (input.Length != 1) mismatch($"{attribute.ShortName} reads a flat input; add [Flatten] before it");
            if (widthProperty.Length > 0 && !(width > 0))
                size($"{widthProperty} of '{name}'", width ?? 0, "a positive integer, written on the attribute");
            if (tappedLayers.Contains(name) && !marker.Bool("CanBeTapped", true))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerKindMisplaced, attribute.Location, name, view, attribute.ShortName, "cannot be tapped; tap another layer"));
            if (diagnostics.Count > errors) return null;

            var shape = new[] { width ?? input[0] }.ToEquatableArray();
            return new CustomLayer(name, input.ToEquatableArray(), shape, false, attribute.ShortName, "global::" + marker.String(0), summary,
                arguments.ToEquatableArray(), widthArgument, marker.Bool("CanEndView", true));
        }

        /// <summary>The constructor parameter an attribute argument goes to: its name in camel case, a keyword escaped.</summary>
        private static string Parameter(string property) =>
            ModelParser.EscapedName(char.ToLowerInvariant(property[0]) + property.Substring(1));

        /// <summary>
        /// A name as the compiler compares identifiers: Unicode formatting characters (a zero-width joiner, ...) are not
        /// part of an identifier's value, so <c>fc1</c> and <c>fc&#x200D;1</c> are the same field in generated code.
        /// </summary>
        public static string IdentifierValue(string name) => SyntaxFactory.ParseToken(name).ValueText;

        public static string Format(IEnumerable<long> shape) => string.Join(", ", shape);
    }
}
