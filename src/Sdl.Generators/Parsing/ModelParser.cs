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
    /// Symbols to model: reads one <c>[MultiViewModel]</c> type, checks it, and returns a value-equatable
    /// <see cref="ModelSpec"/> (or, when an error was found, the <see cref="SkeletonSpec"/> that keeps that error alone)
    /// with the diagnostics to report.
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
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            var modelAttribute = new AttributeReader(context.Attributes[0], cancellationToken);
            var compilation = context.SemanticModel.Compilation;
            var shape = Shape(type);

            // [MultiViewModel] on two parts of one class is the compiler's CS0579; the model is parsed once, from its first part.
            if (!IsFirstAttributedPart(type, syntax, cancellationToken))
                return new ModelResult(null, null, EquatableArray<DiagnosticInfo>.Empty);

            var declaration = CheckDeclaration(type, syntax, diagnostics, cancellationToken);
            if (declaration == Declaration.Unusable)
                return new ModelResult(null, null, diagnostics.ToEquatableArray());
            if (declaration == Declaration.OnlyProperties)
                return new ModelResult(null, Skeleton(type, shape with { Keyword = syntax is RecordDeclarationSyntax ? "record" : type.IsStatic ? "static class" : "class" }, declaration, cancellationToken), diagnostics.ToEquatableArray());

            // An attribute the compiler could not bind (a non-constant argument, ...) is the compiler's own error: say nothing
            // about this model, whose values cannot be known, and keep the skeleton so that error stays alone.
            // The same for a view whose type the compiler cannot resolve (a missing using): its error is the compiler's.
            if (AllAttributes(type).Any(a => new AttributeReader(a, cancellationToken).HasErrors)
                || type.GetMembers().OfType<IPropertySymbol>().Any(p => IsView(p) && HasErrorType(p.Type))
                || type.GetMembers().GroupBy(m => m.Name).Any(g => g.Count() > 1 && g.Any(m => m is IPropertySymbol p && IsView(p))))
                return new ModelResult(null, Skeleton(type, shape, declaration, cancellationToken), EquatableArray<DiagnosticInfo>.Empty);

            CheckOwnMembers(type, diagnostics, cancellationToken);

            var objective = ParseObjective(type, modelAttribute, diagnostics, cancellationToken);
            var views = new List<ViewSpec>();
            var viewLocations = new List<LocationInfo?>();
            bool viewsValid = true;
            var inherited = InheritedMemberNames(compilation);
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                var viewAttribute = property.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == TypeNames.ViewAttribute);
                if (viewAttribute is null) continue;
                var reader = new AttributeReader(viewAttribute, cancellationToken);
                var view = ViewParser.Parse(property, reader, TensorModuleType(compilation), objective?.Spec.Kind, inherited, diagnostics, cancellationToken);
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

            // A view that repeats another's layers (SameAs) repeats their errors too: report each once.
            diagnostics = diagnostics.Distinct().ToList();

            // A view that hides an inherited member (SDL0022) would clash with the module members of a skeleton too.
            if (diagnostics.Any(d => d.Descriptor == DiagnosticDescriptors.ReservedViewName)) declaration = Declaration.NoBase;
            bool valid = objective is not null && declaration == Declaration.Complete && !diagnostics.Any(d => d.IsError);
            return valid
                ? new ModelResult(new ModelSpec(shape, WidthLambda(objective!.Value.Spec, views), views.Select(ResizableView(objective.Value.Spec)).ToEquatableArray(), DeclaresSummary(type)), null, diagnostics.ToEquatableArray())
                : new ModelResult(null, Skeleton(type, shape, declaration, cancellationToken), diagnostics.ToEquatableArray());
        }

        /// <summary>How far the generator can complete the declared type.</summary>
        private enum Declaration
        {
            /// <summary>Generate the model.</summary>
            Complete,
            /// <summary>Only a skeleton deriving from the module, without constructors (the user wrote one).</summary>
            NoConstructors,
            /// <summary>Only the view properties (the user declared another base class, or a view hides an inherited member).</summary>
            NoBase,
            /// <summary>Only the view properties, and nothing else can be checked (a record, a static class, a class named like a generated member).</summary>
            OnlyProperties,
            /// <summary>Nothing can be added to the type without new errors (not partial, a record, static).</summary>
            Unusable,
        }

        private static Declaration CheckDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var identifier = LocationInfo.From(syntax.Identifier.GetLocation());
            if (type.TypeKind != TypeKind.Class) return Declaration.Unusable; // [MultiViewModel] targets classes: the compiler reports the rest
            if (syntax is RecordDeclarationSyntax || type.IsStatic)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, identifier, type.Name, type.IsStatic ? "a static class" : "a record"));
                return syntax.Modifiers.Any(SyntaxKind.PartialKeyword) ? Declaration.OnlyProperties : Declaration.Unusable;
            }
            // A class cannot hold a member of its own name (CS0542): a model named like a member the generator writes gets nothing.
            if (GeneratedMemberNames.Contains(type.Name) || type.Name.StartsWith("__sdl", System.StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, identifier, type.Name, $"named like a member the generator writes into it ({string.Join(", ", GeneratedMemberNames)} and __sdl…)"));
                return Declaration.OnlyProperties;
            }
            // A file-local type cannot have a part in the generated file (its parts must share one file): nothing can be added.
            for (var scope = type; scope is not null; scope = scope.ContainingType)
                if (scope.IsFileLocal)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedModelType, identifier, type.Name, "a file-local type (or nested in one)"));
                    return Declaration.Unusable;
                }
            var result = Declaration.Complete;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, identifier, type.Name));
                result = Declaration.Unusable;
            }
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
                foreach (var reference in outer.DeclaringSyntaxReferences)
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax outerSyntax && !outerSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, LocationInfo.From(outerSyntax.Identifier.GetLocation()), outer.Name));
                        result = Declaration.Unusable;
                    }
            if (result == Declaration.Unusable) return result;

            var baseType = type.BaseType;
            if (baseType is not null && baseType.SpecialType != SpecialType.System_Object && baseType.ToDisplayString() != "Sdl.Runtime.Models.MultiViewModule")
            {
                var baseSyntax = syntax.BaseList?.Types.FirstOrDefault();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, LocationInfo.From((SyntaxNode?)baseSyntax ?? syntax), type.Name, baseType.ToDisplayString()));
                return Declaration.NoBase;
            }

            foreach (var constructor in type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared))
            {
                // A primary constructor's syntax is the type declaration: point at its parameter list.
                var location = constructor.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).FirstOrDefault() switch
                {
                    ConstructorDeclarationSyntax declared => LocationInfo.From(declared.Identifier.GetLocation()),
                    TypeDeclarationSyntax { ParameterList: not null } primary => LocationInfo.From(primary.ParameterList),
                    _ => identifier,
                };
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UserConstructor, location, type.Name));
                result = Declaration.NoConstructors;
            }
            return result;
        }

        /// <summary>The members every generated model declares (besides its views, its constructors and its __sdl… members).</summary>
        private static readonly string[] GeneratedMemberNames = { "Info", "forward", "ComputeLoss", "Summary", "OnCreated" };

        /// <summary>True when <paramref name="syntax"/> is the first part of the type that carries <c>[MultiViewModel]</c>.</summary>
        private static bool IsFirstAttributedPart(INamedTypeSymbol type, TypeDeclarationSyntax syntax, CancellationToken cancellationToken)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != TypeNames.MultiViewModelAttribute) continue;
                var part = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();
                return part is null || part == syntax;
            }
            return true;
        }

        private static bool IsView(IPropertySymbol property) =>
            property.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == TypeNames.ViewAttribute);

        private static bool HasErrorType(ITypeSymbol type) =>
            type.TypeKind == TypeKind.Error || (type is INamedTypeSymbol named && named.TypeArguments.Any(HasErrorType))
            || (type is IArrayTypeSymbol array && HasErrorType(array.ElementType));

        /// <summary>
        /// The members the generator writes, checked against the user's own (SDL0038): Info, forward(inputs),
        /// ComputeLoss(output, inputs, labels), anything named <c>__sdl…</c>, and OnCreated unless it is the hook's
        /// implementation (<c>partial void OnCreated() { … }</c>). A user's <c>Summary()</c> is allowed and replaces the generated one.
        /// A partial property without <c>[View]</c> would stay unimplemented (SDL0039).
        /// </summary>
        private static void CheckOwnMembers(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var member in type.GetMembers())
            {
                // Views are checked by name where they are parsed (SDL0022): a view named Info gets that diagnostic alone.
                if (member.IsImplicitlyDeclared || (member is IPropertySymbol view && IsView(view))
                    || member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.PropertyGet or MethodKind.PropertySet }) continue;
                var location = LocationInfo.From(member.Locations.FirstOrDefault());
                string? advice = member.Name switch
                {
                    "Info" => "remove it (the generated Info describes the model)",
                    "forward" when member is IMethodSymbol { Parameters.Length: 1 } => "remove it (the generated forward encodes every view); call your code from a method of another name",
                    "ComputeLoss" when member is IMethodSymbol { Parameters.Length: 3 } => "remove it (the generated ComputeLoss composes the objective and the taps)",
                    "OnCreated" when !IsHookImplementation(member, cancellationToken) => "implement the hook as 'partial void OnCreated() { ... }'",
                    _ when member.Name.StartsWith("__sdl", System.StringComparison.OrdinalIgnoreCase) => "rename it (names starting with __sdl are the generator's)",
                    _ => null,
                };
                if (advice is not null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMemberDeclared, location, type.Name, member.Name, advice));
                if (member is IPropertySymbol { IsPartialDefinition: true, PartialImplementationPart: null } property && !IsView(property))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PartialPropertyWithoutView, location, property.Name, type.Name));
            }
        }

        private static bool IsHookImplementation(ISymbol member, CancellationToken cancellationToken) =>
            member is IMethodSymbol { ReturnsVoid: true, Parameters.Length: 0, IsStatic: false } method
            && method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().ToList() is { Count: 1 } parts
            && parts[0].Modifiers.Any(SyntaxKind.PartialKeyword) && (parts[0].Body is not null || parts[0].ExpressionBody is not null)
            || member is IMethodSymbol { Parameters.Length: > 0 };

        private static bool DeclaresMember(INamedTypeSymbol type, string name) => type.GetMembers(name).Any(m => !m.IsImplicitlyDeclared);

        /// <summary>True when the user wrote <c>Summary()</c> themselves: the generated one is then left out.</summary>
        private static bool DeclaresSummary(INamedTypeSymbol type) =>
            type.GetMembers("Summary").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0 && !m.IsImplicitlyDeclared);

        /// <summary>
        /// The abstract module members a skeleton must override so that no CS0534 joins its diagnostic: all four when it derives
        /// from MultiViewModule, those still abstract when the user's own base class derives from it, and never one the user wrote.
        /// </summary>
        private static IEnumerable<string> AbstractModuleMembers(INamedTypeSymbol type, bool derivesFromModule)
        {
            var members = new[] { "Info", "forward", "ComputeLoss", "Summary" };
            bool inheritsModule = false;
            for (var b = type.BaseType; b is not null; b = b.BaseType)
                if (b.ToDisplayString() == TypeNames.MultiViewModule) inheritsModule = true;
            if (!derivesFromModule && !inheritsModule) yield break;
            foreach (var name in members)
            {
                if (DeclaresMember(type, name)) continue;
                bool isAbstract = derivesFromModule;
                if (!derivesFromModule)
                    for (var b = type.BaseType; b is not null; b = b.BaseType)
                    {
                        var found = b.GetMembers(name).FirstOrDefault(m => m is IPropertySymbol || (m is IMethodSymbol method && method.Parameters.Length == (name == "forward" ? 1 : name == "ComputeLoss" ? 3 : 0)));
                        if (found is null) continue;
                        isAbstract = found.IsAbstract;
                        break;
                    }
                if (isAbstract) yield return name;
            }
        }

        private static IEnumerable<AttributeData> AllAttributes(INamedTypeSymbol type) =>
            type.GetAttributes().Concat(type.GetMembers().OfType<IPropertySymbol>().SelectMany(p => p.GetAttributes()))
                .Where(a => a.AttributeClass is null || a.AttributeClass.TypeKind == TypeKind.Error || (a.AttributeClass.ContainingNamespace?.ToDisplayString() ?? "") == "Sdl.Dsl"
                    || a.AttributeClass.GetAttributes().Any(m => m.AttributeClass?.ToDisplayString() is TypeNames.LayerRuntimeAttribute or TypeNames.ObjectiveRuntimeAttribute));

        /// <summary>
        /// Soft CCA's unwritten λ at the declared embedding width (the runtime recomputes it when <c>ModelOptions.EmbeddingSize</c>
        /// changes the width); the default 0.3 stays while a width is measured only at run time.
        /// </summary>
        private static ObjectiveSpec WidthLambda(ObjectiveSpec objective, IReadOnlyList<ViewSpec> views) =>
            objective is SoftCcaSpec { LambdaFollowsWidth: true } soft && views.Count > 0 && views[0].EmbeddingSize > 0
                ? soft with { Lambda = SdlDefaults.SoftCcaLambdaFor(views[0].EmbeddingSize) }
                : objective;

        private static (ObjectiveSpec Spec, AttributeReader Reader)? ParseObjective(
            INamedTypeSymbol type, AttributeReader modelAttribute, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            (ObjectiveSpec Spec, AttributeReader Reader)? first = null;
            foreach (var data in type.GetAttributes())
            {
                var name = data.AttributeClass?.ToDisplayString() ?? "";
                AttributeData? marker = null;
                if (!ObjectivesByAttribute.TryGetValue(name, out var kind))
                {
                    // A new objective: an attribute whose class is marked [ObjectiveRuntime] (docs/extending.md).
                    marker = AttributeReader.MarkerOf(data, TypeNames.ObjectiveRuntimeAttribute);
                    if (marker is null) continue;
                    kind = ObjectiveKind.Custom;
                }
                var reader = new AttributeReader(data, cancellationToken);
                if (first is not null)
                {
                    // The same objective twice is the compiler's CS0579 (the attributes allow one): no second error.
                    if (first.Value.Reader.ClassName != reader.ClassName)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SeveralObjectives, reader.Location, type.Name, first.Value.Reader.ShortName, reader.ShortName));
                    continue;
                }
                // Unset named arguments are not in the attribute data: fall back to the attributes' own defaults.
                ObjectiveSpec spec = kind switch
                {
                    ObjectiveKind.SoftCca => new SoftCcaSpec(reader.Double("Lambda", SdlDefaults.SoftCcaLambda), !reader.Has("Lambda")),
                    ObjectiveKind.Dcca => new DccaSpec(reader.Double("Lambda", SdlDefaults.Lambda), (int)reader.Long("TopK", 0),
                        reader.Double("Ridge", SdlDefaults.DccaRidge), reader.Double("EigenvalueFloor", SdlDefaults.DccaEigenvalueFloor),
                        reader.Bool("UseFloat64", SdlDefaults.DccaUseFloat64), (int)reader.Long("BatchSize", 0)),
                    ObjectiveKind.DccaEy => new DccaEySpec(reader.Double("Lambda", SdlDefaults.Lambda), reader.Enum("Penalty", SdlDefaults.EyPenalty, "Penalty of [DccaEy]", diagnostics)),
                    ObjectiveKind.Fae => new FaeSpec(reader.Double("Lambda", SdlDefaults.Lambda), (int)reader.Long("Shared", 0), (int)reader.Long("Private", 0), reader.Double("Beta", SdlDefaults.FaeBeta)),
                    ObjectiveKind.Supervised => new SupervisedSpec(reader.Double("Lambda", SdlDefaults.Lambda), (int)reader.Long("Classes", 0)),
                    ObjectiveKind.Custom => ParseCustomObjective(data, reader, new AttributeReader(marker!, cancellationToken), diagnostics),
                };
                first = (spec, reader);
            }
            if (first is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoObjective, modelAttribute.Location, type.Name));
            return first;
        }

        /// <summary>
        /// A new objective: what its <c>[ObjectiveRuntime]</c> marker says, and the attribute's named arguments (except λ)
        /// as C# literals for its settings record. An enum argument the enum does not define is SDL0037.
        /// </summary>
        private static CustomSpec ParseCustomObjective(AttributeData data, AttributeReader reader, AttributeReader marker, List<DiagnosticInfo> diagnostics)
        {
            var settings = new List<SettingSpec>();
            foreach (var argument in data.NamedArguments)
            {
                if (argument.Key == "Lambda") continue;
                if (reader.Literal(argument.Value, $"{argument.Key} of [{reader.ShortName}]", diagnostics) is string literal) settings.Add(new SettingSpec(argument.Key, literal));
            }
            return new CustomSpec(reader.Double("Lambda", SdlDefaults.Lambda), reader.ShortName, "global::" + marker.String(0),
                (int)marker.Long("MinViews", 2), (int)marker.Long("MaxViews", 0), marker.Bool("EqualEmbeddings", false), settings.ToEquatableArray());
        }

        /// <summary>
        /// A view's embedding width can be set at construction when a final Dense makes it and only shape-keeping layers
        /// follow, and the objective does not fix it (FAE's latent is Shared + Private, a classifier's is its classes).
        /// </summary>
        private static System.Func<ViewSpec, ViewSpec> ResizableView(ObjectiveSpec objective) => view =>
        {
            bool fixedByObjective = objective.Kind switch
            {
                ObjectiveKind.SoftCca or ObjectiveKind.Dcca or ObjectiveKind.DccaEy => false,
                ObjectiveKind.Fae or ObjectiveKind.Supervised => true,
                ObjectiveKind.Custom => false,
            };
            if (view.Kind != ViewKind.Declared || fixedByObjective) return view;
            for (int i = view.Layers.Count - 1; i >= 0; i--)
            {
                // A switch expression over every kind (no discard arm): a new kind must say whether it keeps the shape.
                bool? makesEmbedding = view.Layers[i].Kind switch
                {
                    LayerKind.Dense => true,
                    LayerKind.Dropout or LayerKind.BatchNorm or LayerKind.LayerNorm or LayerKind.Activation => null, // shape-keeping: look further back
                    LayerKind.Conv2d or LayerKind.MaxPool2d or LayerKind.Flatten or LayerKind.Reshape => false,
                    LayerKind.Custom => ((CustomLayer)view.Layers[i]).SetsWidth ? true : null,
                };
                if (makesEmbedding is null) continue;
                return makesEmbedding.Value ? view with { ResizableFrom = i } : view;
            }
            return view;
        };

        private static SkeletonSpec Skeleton(INamedTypeSymbol type, TypeShape shape, Declaration declaration, CancellationToken cancellationToken)
        {
            var properties = new List<PropertyStub>();
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                // A type the compiler cannot resolve would be unresolved in the generated file too: its error stays the compiler's.
                if (!property.IsPartialDefinition || property.PartialImplementationPart is not null || HasErrorType(property.Type)) continue;
                var syntax = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<PropertyDeclarationSyntax>().FirstOrDefault();
                if (syntax is null) continue;
                var modifiers = string.Join(" ", syntax.Modifiers.Select(m => m.Text));
                var accessors = (syntax.AccessorList?.Accessors.Select(a => string.Join(" ", a.Modifiers.Select(m => m.Text).Concat(new[] { a.Keyword.Text })).Trim()) ?? Enumerable.Empty<string>()).ToEquatableArray();
                if (properties.Any(p => p.Name == EscapedName(property.Name))) continue; // a duplicate is the compiler's CS0102; implement one
                properties.Add(new PropertyStub(modifiers, DisplayType(property.Type), EscapedName(property.Name), accessors));
            }
            bool derives = declaration == Declaration.Complete || declaration == Declaration.NoConstructors;
            return new SkeletonSpec(shape, derives, declaration == Declaration.Complete, properties.ToEquatableArray(),
                AbstractModuleMembers(type, derives).ToEquatableArray(), shape.Keyword == "class" && declaration != Declaration.OnlyProperties && type.GetMembers("OnCreated").All(m => IsHookImplementation(m, cancellationToken)));
        }

        private static TypeShape Shape(INamedTypeSymbol type)
        {
            var containing = new List<ContainingType>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                string keyword = outer.TypeKind switch
                {
                    TypeKind.Struct => outer.IsRecord ? "record struct" : "struct",
                    TypeKind.Interface => "interface",
                    _ => outer.IsRecord ? "record" : "class",
                };
                containing.Insert(0, new ContainingType(keyword, EscapedName(outer.Name), TypeParameters(outer)));
            }
            return new TypeShape(
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                containing.ToEquatableArray(), EscapedName(type.Name), TypeParameters(type));
        }

        private static string TypeParameters(INamedTypeSymbol type) =>
            type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(p => EscapedName(p.Name))) + ">";

        /// <summary>Names of the members a model inherits (MultiViewModule, TorchSharp's Module, object): a view cannot take one.</summary>
        private static ImmutableNames InheritedMemberNames(Compilation compilation)
        {
            var names = new HashSet<string>();
            for (var current = compilation.GetTypeByMetadataName(TypeNames.MultiViewModule); current is not null; current = current.BaseType)
                foreach (var member in current.GetMembers())
                    if (member.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Private && member.CanBeReferencedByName)
                        names.Add(member.Name);
            return new ImmutableNames(names);
        }

        /// <summary>TorchSharp's <c>Module&lt;Tensor, Tensor&gt;</c>, or null when TorchSharp is not referenced.</summary>
        private static INamedTypeSymbol? TensorModuleType(Compilation compilation)
        {
            var module = compilation.GetTypeByMetadataName(TypeNames.TorchModule);
            var tensor = compilation.GetTypeByMetadataName(TypeNames.Tensor);
            return module is null || tensor is null ? null : module.Construct(tensor, tensor);
        }

        internal static string DisplayType(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

        /// <summary>A name as C# source: keywords get their <c>@</c>.</summary>
        internal static string EscapedName(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }

    /// <summary>A set of member names, with the type that declares them for messages.</summary>
    internal sealed class ImmutableNames
    {
        private readonly HashSet<string> names;

        public ImmutableNames(HashSet<string> names) => this.names = names;

        public bool Contains(string name) => names.Contains(name);
    }
}
