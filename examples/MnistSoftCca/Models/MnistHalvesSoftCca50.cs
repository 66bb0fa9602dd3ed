using Sdl.Dsl;
using Sdl.Runtime.Models;
using static Sdl.Examples.MnistSoftCca.Models.HalvesArchitecture;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>Soft CCA with SDL on both 50-dimensional embeddings: ‖z_L − z_R‖² / m + λ (SDL(z_L) + SDL(z_R)).</summary>
[MultiViewModel]
[SoftCca(Lambda = SoftCcaLambda)]
public partial class MnistHalvesSoftCca50
{
    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}
