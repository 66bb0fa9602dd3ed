using Microsoft.CodeAnalysis;
using Sdl.Dsl;

namespace Sdl.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic of the Sdl.Dsl generator, in one place, each with its own complete message and a help link to
    /// its entry in docs/generator.md (a wrong and a fixed example). IDs are stable (users suppress them by ID); add new
    /// ones at the end, list them in AnalyzerReleases.Unshipped.md and give them an entry in the docs.
    /// Value rules shared with the run-time checks of <c>ModelOptions</c> take their message from <see cref="SdlRules"/>.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Sdl.Dsl";

        /// <summary>
        /// The list of diagnostics, as a link relative to the repository root; each ID is a section whose anchor is the
        /// lower-case ID (<c>docs/generator.md#sdl0001</c>). Relative, so it names the same section in a checkout, on the
        /// repository's web view and in a fork, and needs no host name that could go stale (docs/generator.md, "Diagnostics").
        /// </summary>
        public const string HelpLinkBase = "docs/generator.md#";

        private static DiagnosticDescriptor Create(string id, DiagnosticSeverity severity, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true,
                description: title + ". See the entry " + id + " in docs/generator.md for a wrong and a fixed example.",
                helpLinkUri: HelpLinkBase + id.ToLowerInvariant());

        private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, DiagnosticSeverity.Error, title, message);

        private static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, DiagnosticSeverity.Warning, title, message);

        public static readonly DiagnosticDescriptor UnknownLayer = Error("SDL0001",
            "Unknown layer in [Decorrelate]",
            "[Decorrelate] names layer '{0}', but view '{1}' has no layer of that name; use one of: {2}");

        public static readonly DiagnosticDescriptor ClassNotPartial = Error("SDL0002",
            "Model class is not partial",
            "The [MultiViewModel] class '{0}' (or a type containing it) must be declared 'partial' so that the generator can complete it");

        public static readonly DiagnosticDescriptor DuplicateLayerName = Error("SDL0003",
            "Duplicate layer name",
            "View '{0}' already has a layer named '{1}'; layer names are state_dict keys and must be unique within a view");

        public static readonly DiagnosticDescriptor NoObjective = Error("SDL0004",
            "Model has no objective",
            "Model '{0}' declares no objective; add exactly one of [SoftCca], [Dcca], [DccaEy], [Fae] or [Supervised]");

        public static readonly DiagnosticDescriptor SeveralObjectives = Error("SDL0005",
            "Model has several objectives",
            "Model '{0}' already declares the objective [{1}]; remove [{2}] (a model has exactly one objective)");

        public static readonly DiagnosticDescriptor WrongViewCount = Error("SDL0006",
            "Wrong number of views for the objective",
            "[{0}] needs {1} view(s), but model '{2}' declares {3}; add or remove [View] properties");

        public static readonly DiagnosticDescriptor EmbeddingSizesDiffer = Error("SDL0007",
            "Embedding sizes differ",
            SdlRules.EqualEmbeddingsMessage);

        public static readonly DiagnosticDescriptor AlphaOutOfRange = Error("SDL0008",
            "Alpha outside [0, 1)",
            SdlRules.AlphaMessage);

        public static readonly DiagnosticDescriptor NegativeWeight = Error("SDL0009",
            "Negative or non-finite weight",
            SdlRules.NonNegativeMessage);

        public static readonly DiagnosticDescriptor InvalidSize = Error("SDL0010",
            "Size out of range",
            "{0} = {1} is out of range: it must be {2}");

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

        public static readonly DiagnosticDescriptor UnsupportedViewType = Error("SDL0015",
            "Unsupported view type",
            "View '{0}' has type '{1}', which is neither Sdl.Runtime.Models.ViewEncoder (declared layers) nor a TorchSharp Module<Tensor, Tensor> (custom encoder)");

        public static readonly DiagnosticDescriptor LayerShapeMismatch = Error("SDL0016",
            "Layer does not fit its input",
            "Layer '{0}' of view '{1}' receives shape [{2}] per sample, but {3}");

        public static readonly DiagnosticDescriptor EmbeddingNotFlat = Error("SDL0017",
            "Embedding is not flat",
            "The last encoder layer of view '{0}' outputs [{1}] per sample; the embedding must be flat, add [Flatten] or [Dense] at the end");

        public static readonly DiagnosticDescriptor TapNotFlat = Error("SDL0018",
            "Tapped layer output cannot be decorrelated",
            "Layer '{0}' of view '{1}' outputs shape [{2}] per sample; decorrelation needs a flat output of at least 2 features (tap a layer after a Flatten or a Dense)");

        public static readonly DiagnosticDescriptor InvalidLayerName = Error("SDL0019",
            "Layer name is not an identifier",
            "Layer name '{0}' is not a valid C# identifier; layer names become component names and state_dict keys");

        public static readonly DiagnosticDescriptor NoParameterlessConstructor = Error("SDL0020",
            "Custom encoder has no parameterless constructor",
            "The custom encoder type '{0}' of view '{1}' needs a public parameterless constructor, which the generated model calls");

        public static readonly DiagnosticDescriptor ModelHasBaseClass = Error("SDL0021",
            "Model class declares a base class",
            "The [MultiViewModel] class '{0}' derives from '{1}'; remove the base class, the generator makes it a MultiViewModule");

        public static readonly DiagnosticDescriptor ReservedViewName = Error("SDL0022",
            "View name is an inherited member",
            "View '{0}' has the name of the member '{0}' that the model {1}; rename the property");

        public static readonly DiagnosticDescriptor UnsupportedModelType = Error("SDL0023",
            "Model type cannot be a module",
            "'{0}' is {1}; [MultiViewModel] completes a non-static 'partial class', which becomes a MultiViewModule");

        public static readonly DiagnosticDescriptor UserConstructor = Error("SDL0024",
            "Model declares a constructor",
            "Model '{0}' declares a constructor, but the generator writes the model's constructors; remove it and put set-up code in 'partial void OnCreated()'");

        public static readonly DiagnosticDescriptor DuplicateTap = Error("SDL0025",
            "Layer decorrelated twice",
            "Layer '{0}' of view '{1}' is already tapped by an earlier [Decorrelate]; keep one [Decorrelate] per layer");

        public static readonly DiagnosticDescriptor UnknownField = Error("SDL0026",
            "Unknown custom-encoder field in [Decorrelate]",
            "[Decorrelate] names '{0}', but the custom encoder '{1}' of view '{2}' has no field of that name; use one of its module fields: {3}");

        public static readonly DiagnosticDescriptor DropoutOutOfRange = Error("SDL0027",
            "Dropout probability out of range",
            SdlRules.ProbabilityMessage);

        public static readonly DiagnosticDescriptor ViewWithoutLayers = Error("SDL0028",
            "View declares no layers",
            "View '{0}' is a ViewEncoder but declares no layers; add layer attributes such as [Dense(\"fc1\", 256, Activation.ReLU)]");

        public static readonly DiagnosticDescriptor LayersOnCustomEncoder = Error("SDL0029",
            "Layer attributes on a custom encoder",
            "View '{0}' uses the custom encoder '{1}', which takes no layer attributes; declare the layers in '{1}' or make the property a ViewEncoder");

        public static readonly DiagnosticDescriptor CustomEncoderWithFae = Error("SDL0030",
            "Custom encoder with [Fae]",
            "View '{0}' uses the custom encoder '{1}', but [Fae] needs declared encoder and decoder layers (Decoder = true)");

        public static readonly DiagnosticDescriptor LogitsMismatch = Error("SDL0031",
            "Logits do not match the classes",
            SdlRules.LogitsMessage);

        public static readonly DiagnosticDescriptor FaeLatentSize = Error("SDL0032",
            "FAE latent size",
            "The encoder of view '{0}' ends with {1} features but [Fae] needs a latent of Shared + Private = {2}");

        public static readonly DiagnosticDescriptor FaeNoDecoder = Error("SDL0033",
            "FAE view without decoder",
            "View '{0}' has no decoder layers; [Fae] reconstructs the input, so declare them with Decoder = true, for example [Dense(\"dec1\", 256, Activation.ReLU, Decoder = true)]");

        public static readonly DiagnosticDescriptor FaeReconstructionSize = Error("SDL0034",
            "FAE reconstruction size",
            "The decoder of view '{0}' ends with [{1}] ({2} values) but the input has {3}; the reconstruction must match the input");

        public static readonly DiagnosticDescriptor SameAsTarget = Error("SDL0035",
            "SameAs names no view with declared layers",
            "View '{0}' has SameAs = \"{1}\", which is not another ViewEncoder view with declared layers and no SameAs of its own");

        public static readonly DiagnosticDescriptor SameAsWithLayers = Error("SDL0036",
            "SameAs view declares layers",
            "View '{0}' repeats the layers of '{1}' (SameAs) and declares layers of its own; remove them or remove SameAs");

        public static readonly DiagnosticDescriptor UndefinedEnumValue = Error("SDL0037",
            "Enum value not defined",
            SdlRules.EnumMessage);

        public static readonly DiagnosticDescriptor GeneratedMemberDeclared = Error("SDL0038",
            "Model declares a member the generator writes",
            "Model '{0}' declares '{1}', which the generator writes; {2}");

        public static readonly DiagnosticDescriptor PartialPropertyWithoutView = Error("SDL0039",
            "Partial property without [View]",
            "The partial property '{0}' of model '{1}' has no [View] attribute and no implementation; add [View(InputDim = ...)] to make it a view, or give it a body");

        public static readonly DiagnosticDescriptor NotPositive = Error("SDL0040",
            "Value must be positive",
            SdlRules.PositiveMessage);

        public static readonly DiagnosticDescriptor LayerKindMisplaced = Error("SDL0041",
            "Layer kind not allowed here",
            "Layer '{0}' of view '{1}' is a [{2}], which {3}");
    }
}
