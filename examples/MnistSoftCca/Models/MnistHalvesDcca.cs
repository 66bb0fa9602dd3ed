using Sdl.Dsl;
using Sdl.Runtime.Models;
using static Sdl.Examples.MnistSoftCca.Models.HalvesArchitecture;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>Exact DCCA (Andrew et al. 2013) on the same encoders: minus the sum of the top-50 canonical correlations of each batch.</summary>
[MultiViewModel]
[Dcca(TopK = 50)]
public partial class MnistHalvesDcca
{
    [View(InputDim = HalfPixels)]
    [Dense("fc1", Hidden, Activation.ReLU)]
    [Dense("fc2", Hidden, Activation.ReLU)]
    [Dense("embed", 50)]
    public partial ViewEncoder Left { get; }

    [View(SameAs = "Left")]
    public partial ViewEncoder Right { get; }
}
