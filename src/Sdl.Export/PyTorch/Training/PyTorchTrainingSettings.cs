namespace Sdl.Export.PyTorch.Training;

/// <summary>
/// The training settings written into a PyTorch training package (<see cref="PyTorchProject"/>):
/// the defaults of <c>train.py</c>, each of which its command line can override. They mirror
/// Sdl.Runtime's <c>TrainerOptions</c> (Adam, its learning rate and weight decay, the global batch size).
/// </summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="BatchSize">The global batch size: every step sees this many rows in all, split evenly over the ranks.</param>
/// <param name="LearningRate">Adam's learning rate.</param>
/// <param name="WeightDecay">Adam's weight decay (L2, as <c>torch.optim.Adam</c> applies it).</param>
/// <param name="Seed">Seed of the data order (the <c>DistributedSampler</c>'s shuffle) and of dropout.</param>
/// <param name="CheckpointEverySteps">Rank 0 writes a resumable checkpoint every this many steps (and at every epoch's end).</param>
public sealed record PyTorchTrainingSettings(
    int Epochs = 10,
    int BatchSize = 256,
    double LearningRate = 1e-3,
    double WeightDecay = 0,
    int Seed = 0,
    int CheckpointEverySteps = 50);
