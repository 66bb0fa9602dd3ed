using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Benchmarks.Suites;

/// <summary>The benchmark's model: Soft CCA with SDL on two 392-feature views, 392→256→50 ReLU encoders.</summary>
[MultiViewModel]
[SoftCca]
public partial class LargerThanMemoryModel
{
    [View(InputDim = 392)]
    [Dense("fc1", 256, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 392)]
    [Dense("fc1", 256, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}
