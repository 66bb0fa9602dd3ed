namespace Sdl.Dsl
{
    /// <summary>How a tagged layer's activations are decorrelated.</summary>
#if SDL_GENERATOR
    internal
#else
    public
#endif
    enum DecorrelationMethod
    {
        /// <summary>Stochastic Decorrelation Loss: a norm (<see cref="SdlNorm"/>) of the off-diagonal of a running covariance (Chang et al. 2018).</summary>
        Sdl = 0,
        /// <summary>DeCov (Cogswell et al. 2016): half the squared Frobenius norm of the batch covariance's off-diagonal.</summary>
        DeCov = 1,
        /// <summary>No decorrelation: keeps the tap for ablations, adds no loss.</summary>
        None = 2,
    }
}
