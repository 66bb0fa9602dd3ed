using Sdl.Dsl;
using Sdl.Runtime.Models;
using static Sdl.Examples.MnistSoftCca.Models.HalvesArchitecture;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>Soft CCA with the L1 form of SDL (Σ|Φ_ij|, the form of the paper's re-implementations): the ablation of the squared default. Declared 50 wide; the catalogue builds any width.</summary>
[MultiViewModel]
[SoftCca(Lambda = SoftCcaL1Lambda)]
public partial class MnistHalvesSoftCcaL1
{
    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed", Norm = SdlNorm.L1, Alpha = 0.5)]
    public partial ViewEncoder Left { get; }

    [View(SameAs = "Left")]
    [Decorrelate(Layer = "embed", Norm = SdlNorm.L1, Alpha = 0.5)]
    public partial ViewEncoder Right { get; }
}
