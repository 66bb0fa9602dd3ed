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
    /// <summary>
    /// Symbols to model: reads one <c>[MultiViewModel]</c> class, checks it, and returns a value-equatable
    /// <see cref="ModelSpec"/> (or none, when an error was found) with the diagnostics to report.
    /// </summary>
    internal static class ModelParser
    {
        private static readonly SymbolDisplayFormat TypeFormat =
            SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly Dictionary<string, ObjectiveKind> ObjectivesByAttribute = new Dictionary<string, ObjectiveKind>
        {
            [TypeNames.SoftCcaAttribute] = ObjectiveKind.SoftCca,
            [TypeNames.DccaAttribute] = ObjectiveKind.Dcca,
            [TypeNames.DccaEyAttribute] = ObjectiveKind.DccaEy,
            [TypeNames.FaeAttribute] = ObjectiveKind.Fae,
            [TypeNames.SupervisedAttribute] = ObjectiveKind.Supervised,
        };

        public static ModelResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            var modelAttribute = new AttributeReader(context.Attributes[0], cancellationToken);
            var tensorModule = TensorModuleType(context.SemanticModel.Compilation);

            CheckDeclaration(type, syntax, diagnostics, cancellationToken);
            var objective = ParseObjective(type, modelAttribute, diagnostics, cancellationToken);
            var views = new List<ViewSpec>();
            var viewLocations = new List<LocationInfo?>();
            bool viewsValid = true;
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                var viewAttribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == TypeNames.ViewAttribute);
                if (viewAttribute is null) continue;
                var reader = new AttributeReader(viewAttribute, cancellationToken);
                var view = ViewParser.Parse(property, reader, tensorModule, objective?.Spec.Kind, diagnostics, cancellationToken);
                if (view is not null)
                {
                    views.Add(view);
                    viewLocations.Add(reader.Location);
                }
                else
                {
                    viewsValid = false;
                }
            }

            // A view with errors is left out of the model; checking the objective against the rest would only add noise.
            if (objective is not null && viewsValid)
                views = ObjectiveChecks.Check(type.Name, objective.Value.Spec, objective.Value.Reader, views, viewLocations, diagnostics);

            var model = objective is null || diagnostics.Any(d => d.IsError)
                ? null
                : new ModelSpec(
                    type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                    ContainingTypes(type).ToEquatableArray(),
                    type.Name,
                    objective.Value.Spec,
                    views.ToEquatableArray());
            return new ModelResult(model, diagnostics.ToEquatableArray());
        }

        private static void CheckDeclaration(INamedTypeSymbol type, ClassDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, LocationInfo.From(syntax.Identifier.GetLocation()), type.Name));

            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                foreach (var reference in outer.DeclaringSyntaxReferences)
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax outerSyntax && !outerSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, LocationInfo.From(outerSyntax.Identifier.GetLocation()), outer.Name));

            var baseType = type.BaseType;
            if (baseType is not null && baseType.SpecialType != SpecialType.System_Object && baseType.ToDisplayString() != "Sdl.Runtime.Models.MultiViewModule")
            {
                var baseSyntax = syntax.BaseList?.Types.FirstOrDefault();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, LocationInfo.From((SyntaxNode?)baseSyntax ?? syntax), type.Name, baseType.ToDisplayString()));
            }
        }

        private static (ObjectiveSpec Spec, AttributeReader Reader)? ParseObjective(
            INamedTypeSymbol type, AttributeReader modelAttribute, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            (ObjectiveSpec Spec, AttributeReader Reader)? first = null;
            foreach (var data in type.GetAttributes())
            {
                var name = data.AttributeClass?.ToDisplayString() ?? "";
                if (!ObjectivesByAttribute.TryGetValue(name, out var kind)) continue;
                var reader = new AttributeReader(data, cancellationToken);
                if (first is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SeveralObjectives, reader.Location, type.Name, first.Value.Reader.ShortName, reader.ShortName));
                    continue;
                }
                var spec = new ObjectiveSpec(
                    kind,
                    // Unset named arguments are not in the attribute data: fall back to the attributes' own defaults.
                    Lambda: reader.Double("Lambda", kind == ObjectiveKind.SoftCca ? SdlDefaults.SoftCcaLambda : SdlDefaults.Lambda),
                    TopK: (int)reader.Long("TopK", 0),
                    Ridge: reader.Double("Ridge", SdlDefaults.DccaRidge),
                    EigenvalueFloor: reader.Double("EigenvalueFloor", SdlDefaults.DccaEigenvalueFloor),
                    UseFloat64: reader.Bool("UseFloat64", SdlDefaults.DccaUseFloat64),
                    BatchSize: (int)reader.Long("BatchSize", 0),
                    Shared: (int)reader.Long("Shared", 0),
                    Private: (int)reader.Long("Private", 0),
                    Beta: reader.Double("Beta", SdlDefaults.FaeBeta),
                    Classes: (int)reader.Long("Classes", 0),
                    Penalty: (EyPenalty)reader.Long("Penalty", (long)SdlDefaults.EyPenalty));
                first = (spec, reader);
            }
            if (first is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoObjective, modelAttribute.Location, type.Name));
            return first;
        }

        private static IEnumerable<string> ContainingTypes(INamedTypeSymbol type)
        {
            var names = new List<string>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                names.Insert(0, (outer.IsRecord ? "record " : "") + (outer.TypeKind == TypeKind.Struct ? "struct " : outer.IsRecord ? "" : "class ") + outer.Name);
            return names;
        }

        /// <summary>TorchSharp's <c>Module&lt;Tensor, Tensor&gt;</c>, or null when TorchSharp is not referenced.</summary>
        private static INamedTypeSymbol? TensorModuleType(Compilation compilation)
        {
            var module = compilation.GetTypeByMetadataName(TypeNames.TorchModule);
            var tensor = compilation.GetTypeByMetadataName(TypeNames.Tensor);
            return module is null || tensor is null ? null : module.Construct(tensor, tensor);
        }

        internal static string DisplayType(ITypeSymbol type) => type.ToDisplayString(TypeFormat);
    }
}
