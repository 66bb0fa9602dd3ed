using Sdl.Dsl;
using Sdl.Runtime.Models;
using static Sdl.Examples.MnistSoftCca.Models.HalvesArchitecture;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>DCCA-EY (Chapman et al. 2024): the SVD-free deep CCA objective −2 tr(A) + tr(B B') on the same encoders, 10-dimensional embeddings.</summary>
[MultiViewModel]
[DccaEy]
public partial class MnistHalvesDccaEy10
{
    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 10)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 10)]
    public partial ViewEncoder Right { get; }
}

/// <summary>DCCA-EY (Chapman et al. 2024): the SVD-free deep CCA objective −2 tr(A) + tr(B B') on the same encoders, 50-dimensional embeddings.</summary>
[MultiViewModel]
[DccaEy]
public partial class MnistHalvesDccaEy50
{
    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    public partial ViewEncoder Right { get; }
}
