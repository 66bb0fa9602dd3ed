namespace Sdl.Dsl
{
    /// <summary>Element-wise activation functions available to declared layers.</summary>
#if SDL_GENERATOR
    internal
#else
    public
#endif
    enum Activation
    {
        /// <summary>Identity.</summary>
        None = 0,
        /// <summary>max(0, x).</summary>
        ReLU = 1,
        /// <summary>Hyperbolic tangent.</summary>
        Tanh = 2,
        /// <summary>Logistic sigmoid.</summary>
        Sigmoid = 3,
        /// <summary>Gaussian error linear unit.</summary>
        GELU = 4,
        /// <summary>Leaky ReLU with slope 0.01.</summary>
        LeakyReLU = 5,
        /// <summary>Exponential linear unit.</summary>
        ELU = 6,
    }
}
