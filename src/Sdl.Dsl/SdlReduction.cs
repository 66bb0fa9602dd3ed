namespace Sdl.Dsl
{
    /// <summary>How SDL reduces the k² − k off-diagonal entries to one number.</summary>
#if SDL_GENERATOR
    internal
#else
    public
#endif
    enum SdlReduction
    {
        /// <summary>Plain sum over the off-diagonal entries, as in the paper (the default).</summary>
        Sum = 0,
        /// <summary>Mean over the k² − k off-diagonal entries: independent of the layer width.</summary>
        Mean = 1,
    }
}
