using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Examples.SupervisedDecorrelation;

/// <summary>The classifier shared by the three variants: 784 → 256 → 256 → 10, decorrelation on both hidden layers.</summary>
public static class Architecture
{
    public const int Pixels = 28 * 28;
    public const int Hidden = 256;
    public const int Classes = 10;
}

/// <summary>
/// SDL as a regulariser of a plain classifier. The mean reduction keeps the term's scale independent of
/// the 256 × 255 off-diagonal entries, so λ = 0.5 is comparable with the cross-entropy.
/// </summary>
[MultiViewModel]
[Supervised(Classes = Architecture.Classes, Lambda = 0.5)]
public partial class DigitClassifierSdl
{
    [View(InputDim = Architecture.Pixels)]
    [Dense("hidden1", Architecture.Hidden, Activation.ReLU)]
    [Decorrelate(Layer = "hidden1", Reduction = SdlReduction.Mean)]
    [Dense("hidden2", Architecture.Hidden, Activation.ReLU)]
    [Decorrelate(Layer = "hidden2", Reduction = SdlReduction.Mean)]
    [Dense("logits", Architecture.Classes)]
    public partial ViewEncoder Pixels { get; }
}

/// <summary>
/// DeCov (Cogswell et al. 2016) on the same layers: half the squared off-diagonal of the batch covariance,
/// summed, hence the much smaller λ.
/// </summary>
[MultiViewModel]
[Supervised(Classes = Architecture.Classes, Lambda = 1e-3)]
public partial class DigitClassifierDeCov
{
    [View(InputDim = Architecture.Pixels)]
    [Dense("hidden1", Architecture.Hidden, Activation.ReLU)]
    [Decorrelate(Layer = "hidden1", Method = DecorrelationMethod.DeCov)]
    [Dense("hidden2", Architecture.Hidden, Activation.ReLU)]
    [Decorrelate(Layer = "hidden2", Method = DecorrelationMethod.DeCov)]
    [Dense("logits", Architecture.Classes)]
    public partial ViewEncoder Pixels { get; }
}

/// <summary>No decorrelation: the layers are captured (to measure their correlation) but add no loss.</summary>
[MultiViewModel]
[Supervised(Classes = Architecture.Classes)]
public partial class DigitClassifierPlain
{
    [View(InputDim = Architecture.Pixels)]
    [Dense("hidden1", Architecture.Hidden, Activation.ReLU)]
    [Decorrelate(Layer = "hidden1", Method = DecorrelationMethod.None)]
    [Dense("hidden2", Architecture.Hidden, Activation.ReLU)]
    [Decorrelate(Layer = "hidden2", Method = DecorrelationMethod.None)]
    [Dense("logits", Architecture.Classes)]
    public partial ViewEncoder Pixels { get; }
}
