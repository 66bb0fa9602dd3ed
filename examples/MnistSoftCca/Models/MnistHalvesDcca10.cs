using Sdl.Dsl;
using Sdl.Runtime.Models;
using static Sdl.Examples.MnistSoftCca.Models.HalvesArchitecture;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>Exact DCCA (Andrew et al. 2013) on the same encoders: minus the sum of the top-10 canonical correlations of each batch.</summary>
[MultiViewModel]
[Dcca(TopK = 10)]
public partial class MnistHalvesDcca10
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
