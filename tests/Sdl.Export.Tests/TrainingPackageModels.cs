using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Export.Tests;

// Small declared models, one per objective, for the PyTorch training package's parity tests.
// Together they use both SDL norms and reductions, DeCov, a tap on a hidden layer and a batch-norm layer.

[MultiViewModel]
[SoftCca(Lambda = 0.5)]
public partial class PackageSoftCca
{
    [View(InputDim = 8)]
    [Dense("fc1", 10, Activation.Tanh)]
    [Decorrelate(Layer = "fc1", Method = DecorrelationMethod.DeCov, Weight = 0.25)]
    [Dense("embed", 4)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Audio { get; }

    [View(InputDim = 6)]
    [Dense("fc1", 10, Activation.ReLU)]
    [BatchNorm("bn")]
    [Dense("embed", 4)]
    [Decorrelate(Layer = "embed", Reduction = SdlReduction.Mean)]
    public partial ViewEncoder Video { get; }

    [View(InputDim = 5)]
    [Dense("embed", 4)]
    public partial ViewEncoder Text { get; }
}

[MultiViewModel]
[Dcca(TopK = 3, Lambda = 0.5)]
public partial class PackageDcca
{
    [View(InputDim = 8)]
    [Dense("fc1", 10, Activation.Tanh)]
    [Decorrelate(Layer = "fc1")]
    [Dense("embed", 4)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 6)]
    [Dense("fc1", 10, Activation.ReLU)]
    [Dense("embed", 4)]
    public partial ViewEncoder Right { get; }
}

[MultiViewModel]
[DccaEy(Lambda = 0.5)]
public partial class PackageDccaEy
{
    [View(InputDim = 8)]
    [Dense("fc1", 10, Activation.Tanh)]
    [Dense("embed", 4)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 6)]
    [Dense("fc1", 10, Activation.ReLU)]
    [Dense("embed", 4)]
    public partial ViewEncoder Right { get; }
}

[MultiViewModel]
[BarlowTwins(OffDiagonalWeight = 0.1, Lambda = 0.5)]
public partial class PackageBarlowTwins
{
    [View(InputDim = 8)]
    [Dense("fc1", 10, Activation.Tanh)]
    [Decorrelate(Layer = "fc1", Method = DecorrelationMethod.DeCov, Weight = 0.5)]
    [Dense("embed", 4)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 6)]
    [Dense("fc1", 10, Activation.ReLU)]
    [BatchNorm("bn")]
    [Dense("embed", 4)]
    public partial ViewEncoder Right { get; }
}

[MultiViewModel]
[Supervised(Classes = 3, Lambda = 0.5)]
public partial class PackageSupervised
{
    [View(InputDim = 8)]
    [Dense("hidden", 10, Activation.ReLU)]
    [Decorrelate(Layer = "hidden")]
    [Dense("logits", 3)]
    public partial ViewEncoder Pixels { get; }
}

[MultiViewModel]
[Fae(Shared = 2, Private = 2, Beta = 2, Lambda = 0.5)]
public partial class PackageFae
{
    [View(InputDim = 8)]
    [Dense("enc1", 10, Activation.ReLU)]
    [Dense("latent", 4)]
    [Decorrelate(Layer = "latent")]
    [Dense("dec1", 10, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", 8, Decoder = true)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 6)]
    [Dense("enc1", 10, Activation.Tanh)]
    [Dense("latent", 4)]
    [Decorrelate(Layer = "latent")]
    [Dense("dec1", 10, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", 6, Decoder = true)]
    public partial ViewEncoder Right { get; }
}

// For the torchrun test: every parameter has a gradient that is not zero in exact arithmetic (the
// reconstructions see every weight; an embedding bias under Soft CCA's batch normalisation has none,
// and Adam would turn its rounding noise into full-size steps), with a batch-norm layer inside an
// encoder, SDL on both latents, DeCov on a hidden layer and the agreement's batch normalisation.
[MultiViewModel]
[Fae(Shared = 2, Private = 2, Beta = 1, Lambda = 0.5)]
public partial class PackageFaeNorm
{
    [View(InputDim = 8)]
    [Dense("enc1", 10, Activation.ReLU)]
    [BatchNorm("bn")]
    [Dense("latent", 4)]
    [Decorrelate(Layer = "latent")]
    [Dense("dec1", 10, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", 8, Decoder = true)]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 6)]
    [Dense("enc1", 10, Activation.Tanh)]
    [Decorrelate(Layer = "enc1", Method = DecorrelationMethod.DeCov, Weight = 0.5)]
    [Dense("latent", 4)]
    [Decorrelate(Layer = "latent")]
    [Dense("dec1", 10, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", 6, Decoder = true)]
    public partial ViewEncoder Right { get; }
}
