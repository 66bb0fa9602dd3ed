using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Examples.Experiments.Models;

// The methods compared on the image halves. Every network is the same MLP per view,
// 392 → 256 → 256 → 50 (narrower than the main job's 1024 so that 3 seeds × 6 methods × 2 data
// sets fit on 2 CPU cores); only the objective and the decorrelation differ.

/// <summary>Soft CCA with SDL at the library's defaults (squared norm, α = 0, λ = 0.3, chosen by the fair comparison and the sweeps).</summary>
[MultiViewModel]
[SoftCca]
public partial class SoftCcaSdl
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}

/// <summary>Soft CCA with a long running covariance (α = 0.9) at its best λ of the sweep (1).</summary>
[MultiViewModel]
[SoftCca(Lambda = 1)]
public partial class SoftCcaSdlLongAverage
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0.9)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0.9)]
    public partial ViewEncoder Right { get; }
}

/// <summary>Soft CCA with per-batch SDL (α = 0: no running covariance, cca_zoo v3's form) at its best λ of the sweep (0.1).</summary>
[MultiViewModel]
[SoftCca(Lambda = 0.1)]
public partial class SoftCcaSdlPerBatch
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed", Alpha = 0)]
    public partial ViewEncoder Right { get; }
}

/// <summary>Soft CCA with DeCov (Cogswell et al. 2016) in place of SDL, at DeCov's best λ of its own sweep.</summary>
[MultiViewModel]
[SoftCca(Lambda = Halves.DeCovLambda)]
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
[SoftCca]
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

/// <summary>DCCA-EY (Chapman et al. 2024), the SVD-free deep CCA objective, over the same encoders.</summary>
[MultiViewModel]
[DccaEy]
public partial class DccaEyHalves
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", Halves.Hidden, Activation.ReLU)]
    [Dense("fc2", Halves.Hidden, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Left { get; }

    [View(SameAs = "Left")]
    public partial ViewEncoder Right { get; }
}

/// <summary>Barlow Twins (Zbontar et al. 2021; cca_zoo's BarlowTwins) over the same encoders, without decorrelation taps.</summary>
[MultiViewModel]
[BarlowTwins]
public partial class BarlowTwinsHalves
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
    public const int Hidden = 256;
    public const int Embedding = 50;
    /// <summary>λ of Soft CCA with DeCov: the best of <c>sweep --method decov</c> (docs/results.md, section 4; every λ from 1e-3 to 10 scored within 0.8 of it).</summary>
    public const double DeCovLambda = 0.001;
}
