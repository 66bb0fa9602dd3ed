namespace Sdl.Dsl
{
    /// <summary>
    /// The norm SDL applies to the off-diagonal entries of its running covariance Φ. The seed paper
    /// does not fix it; both forms share the buffers, the running average and the cost (one m×k×k
    /// product forward, one backward).
    /// </summary>
#if SDL_GENERATOR
    internal
#else
    public
#endif
    enum SdlNorm
    {
        /// <summary>
        /// <c>Σ_{i≠j} |Φ_ij|</c>: the form reconstructed from the paper's public re-implementations. Its
        /// gradient <c>sign(Φ)</c> keeps full strength on correlations that are already tiny, so most of
        /// its push on a wide embedding is sampling noise (docs/results.md).
        /// </summary>
        L1 = 0,

        /// <summary>
        /// <c>Σ_{i≠j} Φ_ij²</c>: the squared Frobenius norm of the off-diagonal. Its gradient <c>2Φ</c>
        /// shrinks with the correlation it removes, so it leaves alone what is already decorrelated.
        /// </summary>
        Squared = 1,
    }
}
