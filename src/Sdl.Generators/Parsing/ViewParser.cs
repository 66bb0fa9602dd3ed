using Sdl.Dsl;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sdl.Generators.Diagnostics;
using Sdl.Generators.Model;

namespace Sdl.Generators.Parsing
{
    /// <summary>Reads one <c>[View]</c> property: its shape, its encoder (declared layers or a custom type) and its taps.</summary>
    internal static class ViewParser
    {
        public static ViewSpec? Parse(
            IPropertySymbol property,
            AttributeReader viewAttribute,
            INamedTypeSymbol? tensorModule,
            ObjectiveKind? objective,
            ImmutableNames inherited,
            List<DiagnosticInfo> diagnostics,
            CancellationToken cancellationToken)
        {
            int errors = diagnostics.Count(d => d.IsError);
            string view = property.Name;
            CheckPropertyShape(property, diagnostics, cancellationToken);
            if (inherited.Contains(view))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedViewName,
                    LocationInfo.From(property.Locations.FirstOrDefault()), view, "inherits from Sdl.Runtime.Models.MultiViewModule"));
            else if (IsGeneratedName(view))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedViewName,
                    LocationInfo.From(property.Locations.FirstOrDefault()), view, "gets from the generator (OnCreated and every name starting with __sdl)"));

            var attributes = property.GetAttributes().Select(a => new AttributeReader(a, cancellationToken)).ToList();
            var decorrelations = attributes.Where(a => a.ClassName == TypeNames.DecorrelateAttribute).ToList();
            var layerAttributes = attributes.Where(LayerParser.IsLayerAttribute).ToList();
            bool isDeclared = IsViewEncoder(property);
            foreach (var decorrelation in decorrelations)
                ReadTapEnums(view, decorrelation.String("Layer", ""), decorrelation, diagnostics);

            // [View(SameAs = "Left")]: this view repeats Left's declared layers (its own parameters) and, unless given, its input size.
            var shapeAttribute = viewAttribute;
            var sameAs = viewAttribute.String("SameAs", "");
            if (sameAs.Length > 0)
            {
                var target = property.ContainingType.GetMembers(sameAs).OfType<IPropertySymbol>().FirstOrDefault();
                var targetView = target?.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == TypeNames.ViewAttribute);
                var targetReader = targetView is null ? (AttributeReader?)null : new AttributeReader(targetView, cancellationToken);
                if (target is null || targetReader is null || sameAs == view || !isDeclared || !IsViewEncoder(target) || targetReader.Value.String("SameAs", "").Length > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SameAsTarget, viewAttribute.Location, view, sameAs));
                    return null;
                }
                if (layerAttributes.Count > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SameAsWithLayers, layerAttributes[0].Location, view, sameAs));
                    return null;
                }
                layerAttributes = target!.GetAttributes().Select(a => new AttributeReader(a, cancellationToken)).Where(LayerParser.IsLayerAttribute).ToList();
                if (!viewAttribute.Has("InputDim") && !viewAttribute.Has("InputShape")) shapeAttribute = targetReader.Value;
            }
            var inputShape = InputShape(view, shapeAttribute, diagnostics);

            bool isCustom = !isDeclared && tensorModule is not null && DerivesFrom(property.Type, tensorModule);
            if (!isDeclared && !isCustom)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedViewType, viewAttribute.Location, view, property.Type.ToDisplayString()));
                return null;
            }
            if (inputShape is null) return null;

            var spec = isDeclared
                ? ParseDeclared(property, view, viewAttribute, inputShape, layerAttributes, decorrelations, diagnostics)
                : ParseCustom(property, view, viewAttribute, inputShape, layerAttributes, decorrelations, objective, diagnostics, cancellationToken);
            return diagnostics.Count(d => d.IsError) > errors ? null : spec;
        }

        /// <summary>Names the generated model declares itself: the hook and the <c>__sdl</c>/<c>__Sdl</c> prefix of every invented member.</summary>
        internal static bool IsGeneratedName(string name) =>
            LayerParser.IdentifierValue(name) is var value && (value == "OnCreated" || value.StartsWith("__sdl", System.StringComparison.OrdinalIgnoreCase));

        private static bool IsViewEncoder(IPropertySymbol property) =>
            property.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == TypeNames.ViewEncoder;

        private static void CheckPropertyShape(IPropertySymbol property, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var syntax = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<PropertyDeclarationSyntax>().FirstOrDefault();
            if (syntax is null) return;
            bool isPartial = syntax.Modifiers.Any(SyntaxKind.PartialKeyword);
            var accessors = syntax.AccessorList?.Accessors;
            bool isGetOnlyWithoutBody = accessors is { Count: 1 } list
                && list[0].IsKind(SyntaxKind.GetAccessorDeclaration)
                && list[0].Body is null && list[0].ExpressionBody is null;
            if (!isPartial || !isGetOnlyWithoutBody || property.IsStatic || property.PartialImplementationPart is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ViewPropertyShape, LocationInfo.From(syntax.Identifier.GetLocation()), property.Name));
        }

        private static long[]? InputShape(string view, AttributeReader viewAttribute, List<DiagnosticInfo> diagnostics)
        {
            var shape = viewAttribute.LongArray("InputShape")?.ToArray();
            long inputDim = viewAttribute.Long("InputDim", 0);
            if (shape is null || shape.Length == 0)
            {
                if (inputDim <= 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, viewAttribute.Location, $"InputDim of view '{view}'", inputDim,
                        "a positive number of input features (InputDim = n), or give the sample shape (InputShape = new[] { c, h, w })"));
                    return null;
                }
                return new[] { inputDim };
            }
            if (shape.Any(d => d <= 0))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, viewAttribute.Location, $"InputShape of view '{view}'", "[" + LayerParser.Format(shape) + "]", "positive in every dimension"));
                return null;
            }
            if (inputDim > 0 && inputDim != shape.Aggregate(1L, (a, b) => a * b))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, viewAttribute.Location, $"InputDim of view '{view}'", inputDim,
                    $"the {shape.Aggregate(1L, (a, b) => a * b)} elements of InputShape [{LayerParser.Format(shape)}], or left out"));
                return null;
            }
            return shape;
        }

        private static ViewSpec? ParseDeclared(
            IPropertySymbol property, string view, AttributeReader viewAttribute, long[] inputShape,
            List<AttributeReader> layerAttributes, List<AttributeReader> decorrelations, List<DiagnosticInfo> diagnostics)
        {
            var encoderAttributes = layerAttributes.Where(a => !LayerParser.IsDecoderLayer(a)).ToList();
            var decoderAttributes = layerAttributes.Where(LayerParser.IsDecoderLayer).ToList();
            if (encoderAttributes.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ViewWithoutLayers, viewAttribute.Location, view));
                return null;
            }

            var tapped = new HashSet<string>(decorrelations.Select(d => d.String("Layer", "")));
            var names = new HashSet<string>();
            var encoder = LayerParser.ParseStack(view, encoderAttributes, inputShape, tapped, names, diagnostics);
            if (encoder is null) return null;
            var embeddingShape = encoder[encoder.Count - 1].OutputShape;
            var decoder = decoderAttributes.Count == 0
                ? new List<LayerSpec>()
                : LayerParser.ParseStack(view, decoderAttributes, embeddingShape.ToArray(), tapped, names, diagnostics);
            if (decoder is null) return null;
            if (encoder[encoder.Count - 1] is CustomLayer { CanEndView: false } last)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerKindMisplaced, encoderAttributes[encoderAttributes.Count - 1].Location,
                    last.Name, view, last.Attribute, "cannot end a view's encoder; add a layer after it"));
                return null;
            }
            if (embeddingShape.Count != 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmbeddingNotFlat, encoderAttributes[encoderAttributes.Count - 1].Location, view, LayerParser.Format(embeddingShape)));
                return null;
            }

            var allLayers = encoder.Concat(decoder).ToList();
            var taps = new List<TapSpec>();
            foreach (var decorrelation in decorrelations)
            {
                var layerName = decorrelation.String("Layer", "");
                var layer = allLayers.FirstOrDefault(l => l.Name == layerName);
                if (layer is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLayer, decorrelation.Location, layerName, view,
                        string.Join(", ", allLayers.Select(l => l.Name))));
                    continue;
                }
                if (taps.Any(t => t.Layer == layerName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTap, decorrelation.Location, layerName, view));
                    continue;
                }
                if (layer.OutputShape.Count != 1 || layer.OutputShape[0] < 2)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TapNotFlat, decorrelation.Location, layerName, view, LayerParser.Format(layer.OutputShape)));
                    continue;
                }
                var tap = ReadTap(view, layerName, layer.OutputShape[0], decorrelation, diagnostics);
                if (tap is not null) taps.Add(tap);
            }

            return new ViewSpec(view, ViewKind.Declared, ModelParser.DisplayType(property.Type), Modifiers(property),
                inputShape.ToEquatableArray(), encoder.ToEquatableArray(), decoder.ToEquatableArray(), taps.ToEquatableArray(), embeddingShape[0]);
        }

        private static ViewSpec? ParseCustom(
            IPropertySymbol property, string view, AttributeReader viewAttribute, long[] inputShape,
            List<AttributeReader> layerAttributes, List<AttributeReader> decorrelations, ObjectiveKind? objective,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var encoderType = (INamedTypeSymbol)property.Type;
            if (layerAttributes.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersOnCustomEncoder, layerAttributes[0].Location, view, encoderType.Name));
                return null;
            }
            if (objective == ObjectiveKind.Fae)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CustomEncoderWithFae, viewAttribute.Location, view, encoderType.Name));
                return null;
            }
            if (encoderType.IsAbstract || !encoderType.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoParameterlessConstructor, viewAttribute.Location, encoderType.ToDisplayString(), view));
                return null;
            }

            var moduleFields = ModuleFields(encoderType).ToList();
            var taps = new List<TapSpec>();
            foreach (var decorrelation in decorrelations)
            {
                var layerName = decorrelation.String("Layer", "");
                var field = moduleFields.FirstOrDefault(f => f.Name == layerName);
                if (field is null)
                {
                    var candidates = moduleFields.Where(f => IsTensorModule(f.Type)).Select(f => f.Name);
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownField, decorrelation.Location, layerName, encoderType.Name, view, string.Join(", ", candidates)));
                    continue;
                }
                if (taps.Any(t => t.Layer == layerName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTap, decorrelation.Location, layerName, view));
                    continue;
                }
                if (!IsTensorModule(field.Type))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FieldNotModule, decorrelation.Location, layerName, encoderType.Name, field.Type.ToDisplayString()));
                    continue;
                }
                long features = decorrelation.Long("Features", 0);
                if (features < 0 || features == 1)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSize, decorrelation.Location, $"Features of the tap '{view}.{layerName}'", features,
                        "0 (measured) or at least 2"));
                    continue;
                }
                var tap = ReadTap(view, layerName, features, decorrelation, diagnostics);
                if (tap is null) continue;
                // RegisterComponents registers a field under its [ComponentName] when it has one: the hook must look it up there.
                taps.Add(tap with { RegisteredName = RegisteredName(field) });
                ReportForwardCalls(encoderType, layerName, view, diagnostics, cancellationToken);
            }

            return new ViewSpec(view, ViewKind.Custom, ModelParser.DisplayType(property.Type), Modifiers(property),
                inputShape.ToEquatableArray(), EquatableArray<LayerSpec>.Empty, EquatableArray<LayerSpec>.Empty, taps.ToEquatableArray(), 0);
        }

        private static TapSpec? ReadTap(string view, string layer, long features, AttributeReader decorrelation, List<DiagnosticInfo> diagnostics)
        {
            double alpha = decorrelation.Double("Alpha", SdlDefaults.Alpha);
            double weight = decorrelation.Double("Weight", SdlDefaults.Weight);
            bool ok = true;
            if (!SdlRules.IsAlpha(alpha))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AlphaOutOfRange, decorrelation.Location, alpha, view + "." + layer));
                ok = false;
            }
            if (!SdlRules.IsNonNegative(weight))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeWeight, decorrelation.Location, $"Weight of the tap '{view}.{layer}'", weight));
                ok = false;
            }
            int errors = diagnostics.Count(d => d.IsError);
            var (method, reduction, norm) = ReadTapEnums(view, layer, decorrelation, diagnostics);
            ok &= diagnostics.Count(d => d.IsError) == errors;
            return ok ? new TapSpec(view, layer, method, alpha, weight, reduction, norm, features, IsImplicit: false) : null;
        }

        /// <summary>
        /// A tap's enum arguments, each checked by the typed reader (SDL0037). Also read before the view's layers are parsed,
        /// so an undefined value is reported even when a layer error stops the view early; the same diagnostic read twice
        /// is one (the parser keeps distinct diagnostics only).
        /// </summary>
        internal static (DecorrelationMethod Method, SdlReduction Reduction, SdlNorm Norm) ReadTapEnums(
            string view, string layer, AttributeReader decorrelation, List<DiagnosticInfo> diagnostics)
        {
            string tap = $"the tap '{view}.{layer}'";
            return (decorrelation.Enum("Method", DecorrelationMethod.Sdl, "Method of " + tap, diagnostics),
                decorrelation.Enum("Reduction", SdlReduction.Sum, "Reduction of " + tap, diagnostics),
                decorrelation.Enum("Norm", SdlDefaults.Norm, "Norm of " + tap, diagnostics));
        }

        /// <summary>Hooks fire only through <c>.call</c>: warn at every <c>field.forward(...)</c> in the encoder's own source.</summary>
        private static void ReportForwardCalls(INamedTypeSymbol encoderType, string field, string view, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var reference in encoderType.DeclaringSyntaxReferences)
            {
                foreach (var invocation in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "forward" } access) continue;
                    var receiver = access.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } thisAccess ? thisAccess.Name : access.Expression;
                    if (receiver is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == field)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TappedLayerCalledWithForward, LocationInfo.From(invocation), field, view));
                }
            }
        }

        private static string? RegisteredName(IFieldSymbol field) =>
            field.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "TorchSharp.Utils.ComponentNameAttribute") is { } attribute
            && attribute.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value is string name && name != field.Name
                ? name
                : null;

        private static IEnumerable<IFieldSymbol> ModuleFields(INamedTypeSymbol type)
        {
            for (var current = type; current is not null && current.ContainingNamespace?.ToDisplayString() != "TorchSharp"; current = current.BaseType)
                foreach (var field in current.GetMembers().OfType<IFieldSymbol>())
                    if (!field.IsStatic && !field.IsImplicitlyDeclared) yield return field;
        }

        private static bool IsTensorModule(ITypeSymbol type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
                if (current.OriginalDefinition.ToDisplayString() == "TorchSharp.torch.nn.Module<T, TResult>"
                    && current.TypeArguments.All(a => a.ToDisplayString() == "TorchSharp.torch.Tensor"))
                    return true;
            return false;
        }

        private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
                if (SymbolEqualityComparer.Default.Equals(current, baseType)) return true;
            return false;
        }

        /// <summary>The property's modifiers as declared (the implementing part must repeat <c>virtual</c>, <c>new</c>, ...).</summary>
        private static string Modifiers(IPropertySymbol property) =>
            property.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<PropertyDeclarationSyntax>().FirstOrDefault() is { } syntax
                ? string.Join(" ", syntax.Modifiers.Select(m => m.Text))
                : SyntaxFacts.GetText(property.DeclaredAccessibility) + " partial";
    }
}
