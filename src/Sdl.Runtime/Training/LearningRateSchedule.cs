namespace Sdl.Runtime.Training;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>The base rate throughout.</summary>
    Constant,
    /// <summary>Cosine decay from the base rate at epoch 0 towards 0 at the last epoch.</summary>
    Cosine,
    /// <summary>Halves the rate every <see cref="TrainerOptions.StepDecayEpochs"/> epochs.</summary>
    StepDecay,
}
