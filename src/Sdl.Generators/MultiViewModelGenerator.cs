using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sdl.Generators.Emitting;
using Sdl.Generators.Model;
using Sdl.Generators.Parsing;
using System.Linq;

namespace Sdl.Generators
{
    /// <summary>
    /// Completes every <c>[MultiViewModel]</c> partial class as a TorchSharp multi-view module: encoders,
    /// activation capture, decorrelation losses, the objective's loss, model info and a summary.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class MultiViewModelGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // Each [MultiViewModel] class, parsed into a value-equatable model plus its diagnostics.
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    TypeNames.MultiViewModelAttribute,
                    predicate: static (node, _) => node is TypeDeclarationSyntax,
                    transform: static (syntaxContext, cancellationToken) => ModelParser.Parse(syntaxContext, cancellationToken))
                .WithTrackingName(TrackingNames.ParsedModels);

            // Diagnostics, flattened so that each is cached on its own.
            var diagnostics = parsed
                .SelectMany(static (result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);

            // Models without errors: only these are emitted.
            var models = parsed
                .Where(static result => result.Model is not null)
                .Select(static (result, _) => result.Model!)
                .WithTrackingName(TrackingNames.Models);

            // Models with errors: a skeleton keeps their diagnostics the only errors (no cascade in the user's code).
            var skeletons = parsed
                .Where(static result => result.Skeleton is not null)
                .Select(static (result, _) => result.Skeleton!)
                .WithTrackingName(TrackingNames.Skeletons);

            // Hint names equal up to case (two models Pair and PAIR) or exactly (a namespace and a class of the same name):
            // AddSource compares them ignoring case and would throw, so those get a suffix. The set is a value: editing a
            // model without renaming it leaves it equal, and the other models' outputs stay cached.
            var collidingHintNames = parsed
                .Select(static (result, _) => (result.Model?.Type ?? result.Skeleton?.Type)?.HintName)
                .Where(static name => name is not null)
                .Collect()
                .Select(static (names, _) => names
                    .GroupBy(name => name!, System.StringComparer.OrdinalIgnoreCase)
                    .Where(group => group.Count() > 1)
                    .SelectMany(group => group)
                    .Select(name => name!)
                    .Distinct()
                    .OrderBy(name => name, System.StringComparer.Ordinal)
                    .ToEquatableArray())
                .WithTrackingName(TrackingNames.HintNames);

            // Reported against the current compilation's trees so that #pragma warning disable works on them.
            context.RegisterSourceOutput(
                diagnostics.Combine(context.CompilationProvider),
                static (output, pair) => output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
            context.RegisterSourceOutput(models.Combine(collidingHintNames),
                static (output, pair) => output.AddSource(HintName(pair.Left.Type, pair.Right), ModelEmitter.Emit(pair.Left)));
            context.RegisterSourceOutput(skeletons.Combine(collidingHintNames),
                static (output, pair) => output.AddSource(HintName(pair.Left.Type, pair.Right), ModelEmitter.EmitSkeleton(pair.Left)));
        }

        private static string HintName(TypeShape type, EquatableArray<string> colliding) =>
            colliding.Contains(type.HintName) ? type.DistinctHintName : type.HintName;
    }
}
