using Microsoft.CodeAnalysis;

namespace Sdl.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic of the Sdl.Dsl generator, in one place. IDs are stable (users suppress them by ID);
    /// add new ones at the end and list them in AnalyzerReleases.Unshipped.md.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Sdl.Dsl";
        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/generator.md, section Diagnostics.");

        private static DiagnosticDescriptor Warning(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: "See docs/generator.md, section Diagnostics.");

        public static readonly DiagnosticDescriptor UnknownLayer = Error("SDL0001",
            "Unknown layer in [Decorrelate]",
            "[Decorrelate] names layer '{0}', but view '{1}' has no {2} of that name; use one of: {3}");

        public static readonly DiagnosticDescriptor ClassNotPartial = Error("SDL0002",
            "Model class is not partial",
            "The [MultiViewModel] class '{0}' must be declared 'partial' so that the generator can complete it");

        public static readonly DiagnosticDescriptor DuplicateLayerName = Error("SDL0003",
            "Duplicate layer name",
            "View '{0}' already has a layer named '{1}'; layer names are state_dict keys and must be unique within a view");

        public static readonly DiagnosticDescriptor NoObjective = Error("SDL0004",
            "Model has no objective",
            "Model '{0}' declares no objective; add exactly one of [SoftCca], [Dcca], [Fae] or [Supervised]");

        public static readonly DiagnosticDescriptor SeveralObjectives = Error("SDL0005",
            "Model has several objectives",
            "Model '{0}' already declares the objective [{1}]; remove [{2}] (a model has exactly one objective)");

        public static readonly DiagnosticDescriptor WrongViewCount = Error("SDL0006",
            "Wrong number of views for the objective",
            "[{0}] needs {1} view(s), but model '{2}' declares {3}; add or remove [View] properties");

        public static readonly DiagnosticDescriptor EmbeddingSizesDiffer = Error("SDL0007",
            "Embedding sizes differ",
            "[{0}] compares the views' embeddings, so they need equal sizes: view '{1}' ends with {2} features but view '{3}' with {4}");

        public static readonly DiagnosticDescriptor AlphaOutOfRange = Error("SDL0008",
            "Alpha outside [0, 1)",
            "Alpha = {0} on the tap '{1}' is outside [0, 1): SDL's running average needs 0 <= Alpha < 1 (0 is the per-batch loss)");

        public static readonly DiagnosticDescriptor NegativeWeight = Error("SDL0009",
            "Negative weight",
            "{0} = {1} is negative; loss weights and ridges must be >= 0");

        public static readonly DiagnosticDescriptor InvalidSize = Error("SDL0010",
            "Invalid size",
            "{0} = {1} is invalid: {2}");

        public static readonly DiagnosticDescriptor FieldNotModule = Error("SDL0011",
            "Tapped field is not a module",
            "Field '{0}' of the custom encoder '{1}' has type '{2}', which is not a TorchSharp Module<Tensor, Tensor>; tap a layer field");

        public static readonly DiagnosticDescriptor TappedLayerCalledWithForward = Warning("SDL0012",
            "Tapped layer invoked with .forward",
            "'{0}' is tapped by [Decorrelate] on view '{1}', but this call uses .forward(...), which skips the capture hook; call {0}.call(...) instead");

        public static readonly DiagnosticDescriptor DccaBatchTooSmall = Warning("SDL0013",
            "DCCA embedding size close to the batch size",
            "View '{0}' embeds into {1} features but the batch size is {2}; exact DCCA needs a batch well above the embedding size (the covariance becomes singular), use a larger batch or [SoftCca]");

        public static readonly DiagnosticDescriptor ViewPropertyShape = Error("SDL0014",
            "View property must be a partial get-only property",
            "The [View] property '{0}' must be declared 'partial' with only a getter and no body, for example 'public partial ViewEncoder {0} {{ get; }}'");

        public static readonly DiagnosticDescriptor UnsupportedView = Error("SDL0015",
            "Unsupported view",
            "View '{0}': {1}");

        public static readonly DiagnosticDescriptor LayerShapeMismatch = Error("SDL0016",
            "Layer does not fit its input",
            "Layer '{0}' of view '{1}' receives shape [{2}] per sample, but {3}");

        public static readonly DiagnosticDescriptor OutputSizeMismatch = Error("SDL0017",
            "Output size does not match the objective",
            "View '{0}': {1}");

        public static readonly DiagnosticDescriptor TapNotFlat = Error("SDL0018",
            "Tapped layer output cannot be decorrelated",
            "Layer '{0}' of view '{1}' outputs shape [{2}] per sample; decorrelation needs a flat output of at least 2 features (tap a layer after a Flatten or a Dense)");

        public static readonly DiagnosticDescriptor InvalidLayerName = Error("SDL0019",
            "Layer name is not an identifier",
            "Layer name '{0}' is not a valid C# identifier; layer names become fields and state_dict keys");

        public static readonly DiagnosticDescriptor NoParameterlessConstructor = Error("SDL0020",
            "Custom encoder has no parameterless constructor",
            "The custom encoder type '{0}' of view '{1}' needs a public parameterless constructor, which the generated model calls");

        public static readonly DiagnosticDescriptor ModelHasBaseClass = Error("SDL0021",
            "Model class declares a base class",
            "The [MultiViewModel] class '{0}' derives from '{1}'; remove the base class, the generator makes it a MultiViewModule");
    }
}
