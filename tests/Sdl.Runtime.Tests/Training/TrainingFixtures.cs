using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

static class TrainingFixtures
{
    /// <summary>
    /// Two views of a shared 3-dimensional latent (plus private noise): linear mixtures of widths 6
    /// and 5, so a model has real correlation to find. Labels are the sign pattern of two latents.
    /// </summary>
    public static MultiViewDataset CorrelatedViews(int count, int seed)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var mixLeft = new double[3, 6];
        var mixRight = new double[3, 5];
        for (int i = 0; i < 3; i++) { for (int j = 0; j < 6; j++) mixLeft[i, j] = Gaussian(); for (int j = 0; j < 5; j++) mixRight[i, j] = Gaussian(); }
        var left = new float[count * 6];
        var right = new float[count * 5];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            var latent = new[] { Gaussian(), Gaussian(), Gaussian() };
            for (int j = 0; j < 6; j++) left[n * 6 + j] = (float)(Enumerable.Range(0, 3).Sum(i => latent[i] * mixLeft[i, j]) + 0.3 * Gaussian());
            for (int j = 0; j < 5; j++) right[n * 5 + j] = (float)(Enumerable.Range(0, 3).Sum(i => latent[i] * mixRight[i, j]) + 0.3 * Gaussian());
            labels[n] = (latent[0] > 0 ? 1 : 0) + (latent[1] > 0 ? 2 : 0);
        }
        return new MultiViewDataset([new ViewData("left", left, 6), new ViewData("right", right, 5)], labels, $"synthetic correlated views (seed {seed})");
    }

    public static TinyTwoViewModel NewModel(int initSeed)
    {
        random.manual_seed(initSeed);
        return new TinyTwoViewModel(6, 5, embedding: 4);
    }

    public static TrainerOptions Options(string? checkpoints, int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 5e-3,
        Seed = 17,
        Device = "cpu",
        Progress = ProgressMode.Silent,
        CheckpointDirectory = checkpoints,
        ValidationTopK = 4,
    };

    public static string TemporaryDirectory() => Path.Combine(Path.GetTempPath(), "sdl-train-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every parameter and buffer, copied to host arrays, keyed like the state_dict.</summary>
    public static Dictionary<string, float[]> StateValues(TorchSharp.torch.nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.cpu().to(float32).data<float>().ToArray());
}
