using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Models;

/// <summary>
/// Base of the per-view encoders the generator emits from declared layers. <see cref="Encode"/> writes
/// the activations of tagged layers into <c>taps</c> as it computes them, so no hooks are needed.
/// </summary>
public abstract class ViewEncoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the encoder under the TorchSharp name <paramref name="name"/>.</summary>
    protected ViewEncoder(string name) : base(name) { }

    /// <summary>Encodes one view; when <paramref name="taps"/> is given, tagged activations are added to it under <c>"View.layer"</c>.</summary>
    public abstract Tensor Encode(Tensor input, IDictionary<string, Tensor>? taps);

    /// <summary>
    /// Maps a latent back to the input space, adding tagged decoder activations to <paramref name="taps"/> when given;
    /// only encoders declared with decoder layers (FAE) have one.
    /// </summary>
    public virtual Tensor Decode(Tensor latent, IDictionary<string, Tensor>? taps) =>
        throw new NotSupportedException($"The encoder '{GetName()}' declares no decoder layers.");

    /// <summary>Maps a latent back to the input space without capturing activations.</summary>
    public Tensor Decode(Tensor latent) => Decode(latent, null);

    /// <summary>Encodes one view without capturing activations.</summary>
    public override Tensor forward(Tensor input) => Encode(input, null);
}
