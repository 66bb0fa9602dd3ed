using Sdl.Dsl;
using Sdl.Runtime.Models;
using static Sdl.Examples.MnistSoftCca.Models.HalvesArchitecture;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>Soft CCA with SDL (squared, the default norm) on both embeddings, declared 50 wide (the catalogue builds any width): ‖z_L − z_R‖² / m + λ (SDL(z_L) + SDL(z_R)).</summary>
[MultiViewModel]
[SoftCca] // the library's defaults: squared SDL, α = 0, λ = 0.3 at this width 50 (λ follows the width when --embedding changes it; docs/results.md)
public partial class MnistHalvesSoftCca
{
    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(SameAs = "Left")]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}
