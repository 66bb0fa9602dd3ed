using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// The factorisation autoencoder objective (DESIGN.md §4): each view's latent is
/// <c>h_v = [s_v; p_v]</c> (shared block first, then private), and
/// <c>L = Σ_v ‖x_v − x̂_v‖²/m + β Σ_{v&lt;w} ‖BN(s_v) − BN(s_w)‖²/m + λ Σ_v SDL(h_v)</c>.
/// </summary>
/// <remarks>
/// Decorrelating the <i>whole</i> latent pushes shared and private factors apart; with β = 1 and
/// no reconstruction this is Soft CCA on the shared blocks. Term names: <c>reconstruction(view)</c>,
/// <c>agreement</c>, <c>sdl(view)</c> (or <c>decov(view)</c>).
/// </remarks>
public sealed class FaeObjective : nn.Module<IReadOnlyList<Tensor>, IReadOnlyList<Tensor>, IReadOnlyList<Tensor>, LossBreakdown>
{
    private readonly ReconstructionLoss reconstruction;
    private readonly SoftCcaDistance agreement;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> decorrelation;

    /// <param name="shared">Width of the shared block s_v (the first columns of every latent).</param>
    /// <param name="privateSizes">Width of each view's private block p_v (0 allowed); its count is the number of views.</param>
    /// <param name="beta">Weight β ≥ 0 of the shared agreement.</param>
    /// <param name="lambda">Weight λ ≥ 0 of the decorrelation of each whole latent.</param>
    /// <param name="method">Decorrelation of each view: SDL (default), DeCov (the baseline) or none.</param>
    /// <param name="alpha">SDL's running-average factor α.</param>
    /// <param name="reduction">SDL's reduction of the off-diagonal entries.</param>
    /// <param name="norm">SDL's norm on the off-diagonal: squared (default) or L1.</param>
    /// <param name="viewNames">Names used in the term names; "view0", "view1", ... by default.</param>
    public FaeObjective(
        long shared,
        IReadOnlyList<long> privateSizes,
        double beta = SdlDefaults.FaeBeta,
        double lambda = SdlDefaults.Lambda,
        DecorrelationMethod method = DecorrelationMethod.Sdl,
        double alpha = StochasticDecorrelationLoss.DefaultAlpha,
        SdlReduction reduction = SdlReduction.Sum,
        IReadOnlyList<string>? viewNames = null,
        SdlNorm norm = SdlDefaults.Norm)
        : base(nameof(FaeObjective))
    {
        if (shared < 1) throw new ArgumentOutOfRangeException(nameof(shared), shared, "The shared block needs at least one feature.");
        if (privateSizes.Count < 2) throw new ArgumentException("FAE needs at least two views.", nameof(privateSizes));
        if (privateSizes.Any(p => p < 0)) throw new ArgumentException("Private block sizes cannot be negative.", nameof(privateSizes));
        if (beta < 0 || double.IsNaN(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be ≥ 0.");
        if (lambda < 0 || double.IsNaN(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be ≥ 0.");
        Shared = shared;
        LatentSizes = privateSizes.Select(p => shared + p).ToArray();
        ViewNames = ObjectiveTerms.CheckViewNames(viewNames, privateSizes.Count);
        Beta = beta;
        Lambda = lambda;
        Method = method;
        reconstruction = new ReconstructionLoss();
        agreement = new SoftCcaDistance();
        decorrelation = ObjectiveTerms.DecorrelationModules(LatentSizes, method, alpha, reduction, norm);
        RegisterComponents();
    }

    /// <summary>Width of the shared block <c>s_v</c> at the start of every latent.</summary>
    public long Shared { get; }
    /// <summary>Width of each view's whole latent: shared plus private.</summary>
    public IReadOnlyList<long> LatentSizes { get; }
    /// <summary>The view names used in the term names.</summary>
    public IReadOnlyList<string> ViewNames { get; }
    /// <summary>Weight β of the shared agreement term.</summary>
    public double Beta { get; }
    /// <summary>Weight λ of each latent's decorrelation term.</summary>
    public double Lambda { get; }
    /// <summary>Decorrelation applied to each latent: SDL, DeCov or none.</summary>
    public DecorrelationMethod Method { get; }

    /// <summary>The shared block <c>s_v</c> of a latent (its first <see cref="Shared"/> columns).</summary>
    public Tensor SharedBlock(Tensor latent) => latent.narrow(1, 0, Shared);

    /// <param name="latents">h_v per view, [m, shared + private_v].</param>
    /// <param name="reconstructions">x̂_v per view (any shape with as many elements as x_v).</param>
    /// <param name="inputs">x_v per view.</param>
    public override LossBreakdown forward(IReadOnlyList<Tensor> latents, IReadOnlyList<Tensor> reconstructions, IReadOnlyList<Tensor> inputs)
    {
        int views = ViewNames.Count;
        if (latents.Count != views || reconstructions.Count != views || inputs.Count != views)
            throw new ArgumentException($"FAE was built for {views} views, got {latents.Count} latents, {reconstructions.Count} reconstructions and {inputs.Count} inputs.");
        for (int v = 0; v < views; v++)
            if (latents[v].dim() != 2 || latents[v].shape[1] != LatentSizes[v])
                throw new ArgumentException($"View '{ViewNames[v]}': FAE expects a latent of shape [batch, {LatentSizes[v]}] (shared {Shared} + private {LatentSizes[v] - Shared}), got [{string.Join(", ", latents[v].shape)}].");

        var terms = new List<(string, Tensor, double)>();
        for (int v = 0; v < views; v++)
            terms.Add((TermNames.Reconstruction(ViewNames[v]), reconstruction.call(reconstructions[v], inputs[v]), 1));
        terms.Add((TermNames.Agreement, agreement.call(latents.Select(SharedBlock).ToArray()), Beta));
        terms.AddRange(ObjectiveTerms.Decorrelation(decorrelation, Method, ViewNames, latents, Lambda));
        return LossBreakdown.Sum(terms);
    }
}
