using TorchSharp;
using TorchSharp.Modules;

namespace Sdl.Runtime.Training;

/// <summary>Creates the optimiser <see cref="TrainerOptions"/> asks for, and sets its learning rate per epoch.</summary>
public static class OptimizerFactory
{
    /// <summary>The Adam, AdamW or SGD optimiser over <paramref name="parameters"/>, with the options' learning rate, weight decay and (SGD) momentum.</summary>
    public static OptimizerHelper Create(TrainerOptions options, IEnumerable<Parameter> parameters) => options.Optimizer switch
    {
        OptimizerKind.Adam => torch.optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.AdamW => torch.optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.Sgd => torch.optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimiser."),
    };

    /// <summary>The learning rate of <paramref name="epoch"/> (zero-based) under the options' schedule.</summary>
    public static double LearningRate(TrainerOptions options, int epoch) => options.Schedule switch
    {
        LearningRateSchedule.Constant => options.LearningRate,
        LearningRateSchedule.Cosine => options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / Math.Max(1, options.Epochs))),
        LearningRateSchedule.StepDecay => options.LearningRate * Math.Pow(0.5, epoch / Math.Max(1, options.StepDecayEpochs)),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Schedule, "Unknown schedule."),
    };

    /// <summary>Sets <paramref name="learningRate"/> on every parameter group of <paramref name="optimizer"/>.</summary>
    public static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
