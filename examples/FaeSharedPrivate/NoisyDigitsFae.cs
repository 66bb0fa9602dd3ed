using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Examples.FaeSharedPrivate;

/// <summary>Sizes of the factorisation: each view's 32-dimensional latent is a 16-d shared block followed by a 16-d private block.</summary>
public static class Latent
{
    public const int Pixels = 28 * 28;
    public const int Shared = 16;
    public const int Private = 16;
    public const int Size = Shared + Private;
    public const int Hidden = 512;
}

/// <summary>
/// A factorisation autoencoder on noisy-MNIST pairs: per view, encode to [shared; private], decode
/// back to the image. The shared blocks of the two views must agree (β); SDL on the whole latent
/// decorrelates every latent unit from every other, which pushes what the views share into the
/// shared block and what only one view has (rotation, stroke style, noise) into the private one.
/// </summary>
[MultiViewModel]
[Fae(Shared = Latent.Shared, Private = Latent.Private, Beta = 1, Lambda = 0.05)]
public partial class NoisyDigitsFae
{
    [View(InputDim = Latent.Pixels)]
    [Dense("enc1", Latent.Hidden, Activation.ReLU)]
    [Dense("latent", Latent.Size)]
    [Decorrelate(Layer = "latent")]
    [Dense("dec1", Latent.Hidden, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", Latent.Pixels, Activation.Sigmoid, Decoder = true)]
    public partial ViewEncoder Rotated { get; }

    [View(InputDim = Latent.Pixels)]
    [Dense("enc1", Latent.Hidden, Activation.ReLU)]
    [Dense("latent", Latent.Size)]
    [Decorrelate(Layer = "latent")]
    [Dense("dec1", Latent.Hidden, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", Latent.Pixels, Activation.Sigmoid, Decoder = true)]
    public partial ViewEncoder Noisy { get; }
}

/// <summary>
/// The ablation: the same autoencoders and agreement term, with the latent captured but not
/// decorrelated (<see cref="DecorrelationMethod.None"/>), to show what SDL contributes.
/// </summary>
[MultiViewModel]
[Fae(Shared = Latent.Shared, Private = Latent.Private, Beta = 1, Lambda = 0.05)]
public partial class NoisyDigitsFaeWithoutSdl
{
    [View(InputDim = Latent.Pixels)]
    [Dense("enc1", Latent.Hidden, Activation.ReLU)]
    [Dense("latent", Latent.Size)]
    [Decorrelate(Layer = "latent", Method = DecorrelationMethod.None)]
    [Dense("dec1", Latent.Hidden, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", Latent.Pixels, Activation.Sigmoid, Decoder = true)]
    public partial ViewEncoder Rotated { get; }

    [View(InputDim = Latent.Pixels)]
    [Dense("enc1", Latent.Hidden, Activation.ReLU)]
    [Dense("latent", Latent.Size)]
    [Decorrelate(Layer = "latent", Method = DecorrelationMethod.None)]
    [Dense("dec1", Latent.Hidden, Activation.ReLU, Decoder = true)]
    [Dense("reconstruction", Latent.Pixels, Activation.Sigmoid, Decoder = true)]
    public partial ViewEncoder Noisy { get; }
}
