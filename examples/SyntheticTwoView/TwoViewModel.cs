using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace SyntheticTwoView;

/// <summary>
/// Two encoders, one per view, trained with Soft CCA so that their 4-dimensional embeddings agree;
/// SDL on each embedding keeps its dimensions decorrelated, so they cannot collapse onto one direction.
/// </summary>
[MultiViewModel]
[SoftCca(Lambda = 1e-2)]
public partial class TwoViewModel
{
    [View(InputDim = SyntheticData.LeftFeatures)]
    [Dense("fc1", 64, Activation.ReLU)]
    [Dense("embed", SyntheticData.SharedFactors)]
    [Decorrelate(Layer = "embed", Alpha = 0.9)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = SyntheticData.RightFeatures)]
    [Dense("fc1", 64, Activation.ReLU)]
    [Dense("embed", SyntheticData.SharedFactors)]
    [Decorrelate(Layer = "embed", Alpha = 0.9)]
    public partial ViewEncoder Right { get; }
}
