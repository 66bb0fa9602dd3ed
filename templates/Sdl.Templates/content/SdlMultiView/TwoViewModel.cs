using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace MyProject;

/// <summary>
/// Two views, one encoder each, Soft CCA with the Stochastic Decorrelation Loss on the embeddings.
/// Set InputDim to your views' feature counts (columns of left.npy and right.npy).
/// </summary>
[MultiViewModel]
[SoftCca]
public partial class TwoViewModel
{
    public const int Embedding = 4;

    [View(InputDim = 20)]
    [Dense("fc1", 64, Activation.ReLU)]
    [Dense("embed", Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 15)]
    [Dense("fc1", 64, Activation.ReLU)]
    [Dense("embed", Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}
