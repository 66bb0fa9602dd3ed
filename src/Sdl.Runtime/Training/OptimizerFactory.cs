using TorchSharp;
using TorchSharp.Modules;

namespace Sdl.Runtime.Training;

/// <summary>Creates the optimiser <see cref="TrainerOptions"/> asks for, and the learning rate of each step.</summary>
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

    /// <summary>
    /// The learning rate of step <paramref name="step"/> (zero-based) of <paramref name="epoch"/> (zero-based) under the options'
    /// warm-up and schedule, for epochs of <paramref name="stepsPerEpoch"/> steps. The warm-up and the cosine move every step;
    /// a step decay moves at epoch boundaries.
    /// </summary>
    public static double LearningRate(TrainerOptions options, int epoch, int step = 0, int stepsPerEpoch = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        double steps = stepsPerEpoch;
        double done = epoch + step / steps;                       // epochs completed before this step
        double warmup = options.WarmupEpochs;
        if (done < warmup)
            return options.LearningRate * Math.Min(1, (done * steps + 1) / Math.Max(1, warmup * steps));
        return options.Schedule switch
        {
            LearningRateSchedule.Constant => options.LearningRate,
            LearningRateSchedule.Cosine => options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (done - warmup) / Math.Max(1e-9, options.Epochs - warmup))),
            LearningRateSchedule.StepDecay => options.LearningRate * Math.Pow(0.5, epoch / Math.Max(1, options.StepDecayEpochs)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Schedule, "Unknown schedule."),
        };
    }

    /// <summary>Whether the rate can change within an epoch (a warm-up or a cosine), so the trainer sets it before every step.</summary>
    public static bool ChangesEveryStep(TrainerOptions options) =>
        options.WarmupEpochs > 0 || options.Schedule == LearningRateSchedule.Cosine;

    /// <summary>Sets <paramref name="learningRate"/> on every parameter group of <paramref name="optimizer"/>.</summary>
    public static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
