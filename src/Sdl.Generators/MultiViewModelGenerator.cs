using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sdl.Generators.Emitting;
using Sdl.Generators.Parsing;

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

            // Reported against the current compilation's trees so that #pragma warning disable works on them.
            context.RegisterSourceOutput(
                diagnostics.Combine(context.CompilationProvider),
                static (output, pair) => output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
            context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.Type.HintName, ModelEmitter.Emit(model)));
            context.RegisterSourceOutput(skeletons, static (output, skeleton) => output.AddSource(skeleton.Type.HintName, ModelEmitter.EmitSkeleton(skeleton)));
        }
    }
}
