namespace Sdl.Runtime.Training;

/// <summary>The optimisers the trainer can create.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba 2015); weight decay, if any, is added to the gradient.</summary>
    Adam,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW,
    /// <summary>Stochastic gradient descent with momentum (<see cref="TrainerOptions.Momentum"/>).</summary>
    Sgd,
}
