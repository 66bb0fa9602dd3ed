namespace Sdl.Runtime.Losses;

/// <summary>How <see cref="StochasticDecorrelationLoss"/> computes its gradient.</summary>
public enum SdlGradient
{
    /// <summary>
    /// The hand-derived backward (the default): <c>∂L/∂Ẑ = 2/((m−1)c)·Ẑ·S</c> with <c>S = sign(Φ)</c>
    /// and a zero diagonal, chained through the batch normalisation. Forward and backward cost about
    /// two m×k×k products in all.
    /// </summary>
    HandDerived = 0,

    /// <summary>
    /// The plain differentiable formulation left to autograd: the reference the hand-derived
    /// backward is tested against, several times slower (it materialises and differentiates
    /// several k×k intermediates).
    /// </summary>
    Autograd = 1,
}
