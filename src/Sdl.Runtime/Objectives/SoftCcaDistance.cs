using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// Soft CCA's agreement term: <c>Σ_{v&lt;w} ‖BN(z_v) − BN(z_w)‖²_F / m</c> with batch
/// normalisation without learnable parameters (a learnable scale would let the views collapse).
/// </summary>
public sealed class SoftCcaDistance : nn.Module<IReadOnlyList<Tensor>, Tensor>
{
    /// <summary>Creates the (stateless) distance.</summary>
    public SoftCcaDistance() : base(nameof(SoftCcaDistance)) { }

    /// <summary>The summed pairwise distance of the batch-normalised embeddings (a scalar); needs at least two views of the same batch size.</summary>
    public override Tensor forward(IReadOnlyList<Tensor> embeddings)
    {
        if (embeddings.Count < 2) throw new ArgumentException("Soft CCA needs at least two views.");
        long m = embeddings[0].shape[0];
        using var scalars = new HeldScalars();
        var normalised = embeddings.Select(z => nn.functional.batch_norm(z, null, null, training: true)).ToArray();
        Tensor? total = null;
        for (int v = 0; v < normalised.Length; v++)
            for (int w = v + 1; w < normalised.Length; w++)
            {
                var pair = scalars.Square(normalised[v] - normalised[w]).sum().div_(scalars[m]);
                total = total is null ? pair : scalars.Add(total, pair);
            }
        return total!;
    }
}
