using Sdl.Dsl;
using Sdl.Runtime.Models;
using static Sdl.Examples.MnistSoftCca.Models.HalvesArchitecture;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>DCCA-EY (Chapman et al. 2024): the SVD-free deep CCA objective −2 tr(A) + tr(B B') on the same encoders. Declared 50 wide; the catalogue builds any width.</summary>
[MultiViewModel]
[DccaEy]
public partial class MnistHalvesDccaEy
{
    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    public partial ViewEncoder Left { get; }

    [View(SameAs = "Left")]
    public partial ViewEncoder Right { get; }
}
