namespace Sdl.Generators
{
    /// <summary>Names of the tracked pipeline steps; tests read them to prove that unrelated edits hit the cache.</summary>
    public static class TrackingNames
    {
        /// <summary>Each <c>[MultiViewModel]</c> class parsed into a model and its diagnostics.</summary>
        public const string ParsedModels = nameof(ParsedModels);

        /// <summary>The diagnostics, one by one.</summary>
        public const string Diagnostics = nameof(Diagnostics);

        /// <summary>The models free of errors, which are emitted.</summary>
        public const string Models = nameof(Models);

        /// <summary>The skeletons of models with errors, which are emitted in their place.</summary>
        public const string Skeletons = nameof(Skeletons);

        /// <summary>The hint names that equal another model's up to case, which get a distinguishing suffix.</summary>
        public const string HintNames = nameof(HintNames);
    }
}
