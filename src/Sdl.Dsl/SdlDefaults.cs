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
        /// <summary>λ of <see cref="SoftCcaAttribute"/> at embedding widths up to <see cref="SoftCcaReferenceWidth"/>: the best of the α × λ sweep at width 50.</summary>
        public const double SoftCcaLambda = 0.3;

        /// <summary>The embedding width at which <see cref="SoftCcaLambda"/> was chosen.</summary>
        public const int SoftCcaReferenceWidth = 50;

        /// <summary>
        /// Soft CCA's λ at embedding width k when <c>[SoftCca]</c> does not set it: <see cref="SoftCcaLambda"/> up to k = 50,
        /// then 0.3 · (50 / k)^1.5 to two significant digits (0.073 at 128, 0.026 at 256, 0.0092 at 512, 0.0032 at 1024). SDL
        /// sums k² − k covariances against the distance's k terms, and on Fashion-MNIST the λ chosen on validation fell this
        /// way with k while 0.3 collapsed the embedding at k = 256 and 512 (docs/results.md, sections 8 and 9).
        /// </summary>
        public static double SoftCcaLambdaFor(long embeddingSize)
        {
            if (embeddingSize <= SoftCcaReferenceWidth) return SoftCcaLambda;
            double lambda = SoftCcaLambda * System.Math.Pow((double)SoftCcaReferenceWidth / embeddingSize, 1.5);
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            return double.Parse(lambda.ToString("G2", invariant), invariant);
        }

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
