namespace Sdl.Dsl
{
    /// <summary>Where DCCA-EY's penalty <c>tr(B·B')</c> takes its second auto-covariance B' from.</summary>
#if SDL_GENERATOR
    internal
#else
    public
#endif
    enum EyPenalty
    {
        /// <summary>
        /// B and B' from two disjoint halves of the batch (A from the whole batch): the unbiased form of
        /// Chapman et al., whose expected gradient is the population gradient, at the price of a noisier penalty.
        /// </summary>
        IndependentHalves = 0,

        /// <summary>
        /// B' = B from the whole batch: biased (its expectation is not tr(E[B]²)), but with less variance; the
        /// default, because it won on validation (docs/results.md).
        /// </summary>
        SameBatch = 1,
    }
}
