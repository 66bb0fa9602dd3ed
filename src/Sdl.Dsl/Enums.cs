namespace Sdl.Dsl
{
    /// <summary>How a tagged layer's activations are decorrelated.</summary>
    public enum DecorrelationMethod
    {
        /// <summary>Stochastic Decorrelation Loss: a norm (<see cref="SdlNorm"/>) of the off-diagonal of a running covariance (Chang et al. 2018).</summary>
        Sdl = 0,
        /// <summary>DeCov (Cogswell et al. 2016): half the squared Frobenius norm of the batch covariance's off-diagonal.</summary>
        DeCov = 1,
        /// <summary>No decorrelation: keeps the tap for ablations, adds no loss.</summary>
        None = 2,
    }

    /// <summary>How SDL reduces the k² − k off-diagonal entries to one number.</summary>
    public enum SdlReduction
    {
        /// <summary>Plain sum over the off-diagonal entries, as in the paper (the default).</summary>
        Sum = 0,
        /// <summary>Mean over the k² − k off-diagonal entries: independent of the layer width.</summary>
        Mean = 1,
    }

    /// <summary>Element-wise activation functions available to declared layers.</summary>
    public enum Activation
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
