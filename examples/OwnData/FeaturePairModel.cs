using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Examples.OwnData;

/// <summary>Soft CCA with SDL on two feature-matrix views (20 and 15 features), three-dimensional embeddings.</summary>
[MultiViewModel]
[SoftCca]
public partial class FeaturePairModel
{
    [View(InputDim = KnownCorrelationViews.LeftFeatures)]
    [Dense("fc1", 64, Activation.ReLU)]
    [BatchNorm("bn1")]
    [Dense("embed", KnownCorrelationViews.Shared)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = KnownCorrelationViews.RightFeatures)]
    [Dense("fc1", 64, Activation.Tanh)]
    [Dense("embed", KnownCorrelationViews.Shared)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}
