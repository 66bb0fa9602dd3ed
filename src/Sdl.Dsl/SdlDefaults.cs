namespace Sdl.Dsl
{
    /// <summary>
    /// The default of every tunable attribute property, in one place. The attributes initialise
    /// their properties from these, <c>Sdl.Runtime</c>'s losses use them as parameter defaults, and
    /// the generator (which compiles this file too) uses them for named arguments the user left unset,
    /// which the attribute data does not carry. SDL's norm and α and Soft CCA's λ come from the fair
    /// comparison and the sweeps in docs/results.md.
    /// </summary>
#if SDL_GENERATOR
    internal
#else
    public
#endif
    static class SdlDefaults
    {
        /// <summary>λ of <see cref="SoftCcaAttribute"/>: the best of the α × λ sweep at embedding size 50.</summary>
        public const double SoftCcaLambda = 0.3;

        /// <summary>λ of the decorrelation taps of <c>[Dcca]</c>, <c>[Fae]</c> and <c>[Supervised]</c>.</summary>
        public const double Lambda = 1e-3;

        /// <summary>
        /// SDL's norm (<see cref="DecorrelateAttribute.Norm"/>): the squared form, which reached exact
        /// DCCA's total correlation where the L1 form fell 6 to 19 points short (docs/results.md).
        /// </summary>
        public const SdlNorm Norm = SdlNorm.Squared;

        /// <summary>
        /// SDL's running-average factor α (<see cref="DecorrelateAttribute.Alpha"/>): 0, the per-batch
        /// covariance, which beat α = 0.5 by 2.8 points with the squared norm (docs/results.md).
        /// </summary>
        public const double Alpha = 0;

        /// <summary>Relative weight of one <c>[Decorrelate]</c> tap.</summary>
        public const double Weight = 1;

        /// <summary>Ridge added to each view's covariance diagonal in DCCA.</summary>
        public const double DccaRidge = 1e-3;

        /// <summary>Floor under the eigenvalues DCCA inverts.</summary>
        public const double DccaEigenvalueFloor = 1e-9;

        /// <summary>Whether DCCA computes its loss in float64.</summary>
        public const bool DccaUseFloat64 = true;

        /// <summary>
        /// DCCA-EY's penalty: B' = B from the whole batch. It won the fair suite's validation selection
        /// (40.84 against 38.00 for the unbiased halves at the same rate, docs/results.md), and the halves'
        /// noisier penalty destabilised the main job's training.
        /// </summary>
        public const EyPenalty EyPenalty = Sdl.Dsl.EyPenalty.SameBatch;

        /// <summary>Weight β of the FAE's shared-block agreement.</summary>
        public const double FaeBeta = 1;
    }
}
