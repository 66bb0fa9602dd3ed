using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Examples.Experiments.Models;

// The networks of the scale suite (Suites/ScaleSuite.cs): the same MLP per view for every method,
// 392 → h → h → k with h = max(512, k), so the hidden layers are never narrower than the embedding
// they must carry. The embedding width k is set at construction (ModelOptions.EmbeddingSize); the
// hidden width is declared, hence one class per (method, h). Only the objective differs.

/// <summary>Soft CCA with squared SDL at the library's defaults, hidden width 512.</summary>
[MultiViewModel]
[SoftCca]
public partial class ScaleSoftCca512
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 512, Activation.ReLU)]
    [Dense("fc2", 512, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 512, Activation.ReLU)]
    [Dense("fc2", 512, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}

/// <summary>Soft CCA with squared SDL at the library's defaults, hidden width 1024.</summary>
[MultiViewModel]
[SoftCca]
public partial class ScaleSoftCca1024
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}

/// <summary>Exact DCCA (Andrew et al. 2013) over all k canonical pairs, hidden width 512.</summary>
[MultiViewModel]
[Dcca]
public partial class ScaleDcca512
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 512, Activation.ReLU)]
    [Dense("fc2", 512, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 512, Activation.ReLU)]
    [Dense("fc2", 512, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Right { get; }
}

/// <summary>Exact DCCA (Andrew et al. 2013) over all k canonical pairs, hidden width 1024.</summary>
[MultiViewModel]
[Dcca]
public partial class ScaleDcca1024
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Right { get; }
}

/// <summary>DCCA-EY (Chapman et al. 2024) at its default penalty, hidden width 512.</summary>
[MultiViewModel]
[DccaEy]
public partial class ScaleDccaEy512
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 512, Activation.ReLU)]
    [Dense("fc2", 512, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 512, Activation.ReLU)]
    [Dense("fc2", 512, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Right { get; }
}

/// <summary>DCCA-EY (Chapman et al. 2024) at its default penalty, hidden width 1024.</summary>
[MultiViewModel]
[DccaEy]
public partial class ScaleDccaEy1024
{
    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = Halves.Pixels)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", Halves.Embedding)]
    public partial ViewEncoder Right { get; }
}
