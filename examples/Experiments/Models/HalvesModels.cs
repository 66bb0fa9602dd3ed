using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Examples.Experiments.Models;

// The methods compared on the image halves. Every network is the same MLP per view,
// 392 → 1024 → 1024 → 50 (the main job's); only the objective and the decorrelation differ.

/// <summary>Soft CCA with SDL (running covariance, α = 0.9) on both embeddings.</summary>
[MultiViewModel]
[SoftCca(Lambda = Halves.Lambda)]
public partial class SoftCcaSdl
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0.9f)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0.9f)]
    public partial ViewEncoder Right { get; }
}

/// <summary>Soft CCA with per-batch SDL (α = 0: no running covariance, cca_zoo v3's form).</summary>
[MultiViewModel]
[SoftCca(Lambda = Halves.Lambda)]
public partial class SoftCcaSdlPerBatch
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0f)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0f)]
    public partial ViewEncoder Right { get; }
}

/// <summary>Soft CCA with DeCov (Cogswell et al. 2016) in place of SDL.</summary>
[MultiViewModel]
[SoftCca(Lambda = Halves.Lambda)]
public partial class SoftCcaDeCov
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Method = DecorrelationMethod.DeCov)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Method = DecorrelationMethod.DeCov)]
    public partial ViewEncoder Right { get; }
}

/// <summary>The same networks with no decorrelation: only the distance of the batch-normalised embeddings.</summary>
[MultiViewModel]
[SoftCca(Lambda = Halves.Lambda)]
public partial class SoftCcaNoDecorrelation
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Method = DecorrelationMethod.None)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Method = DecorrelationMethod.None)]
    public partial ViewEncoder Right { get; }
}

/// <summary>Exact DCCA (Andrew et al. 2013) over all 50 canonical pairs.</summary>
[MultiViewModel]
[Dcca]
public partial class ExactDcca
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Right { get; }
}

/// <summary>Sizes shared by the halves models.</summary>
public static class Halves
{
    public const int Pixels = 28 * 14;
    public const int Hidden = 1024;
    public const int Embedding = 50;
    /// <summary>λ of the decorrelation terms (the sweep suite measures this choice).</summary>
    public const float Lambda = 0.1f;
}
