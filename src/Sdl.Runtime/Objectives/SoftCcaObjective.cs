using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// The whole Soft CCA objective for two or more views:
/// <c>L = Σ_{v&lt;w} ‖BN(z_v) − BN(z_w)‖²_F / m + λ Σ_v D(z_v)</c>, with D the decorrelation loss
/// (SDL by default, DeCov as the baseline, or none), returned term by term.
/// </summary>
/// <remarks>
/// Each view has its own decorrelation module (SDL keeps a running covariance per view); they are
/// submodules, so their buffers are saved with the objective (state_dict keys
/// <c>decorrelation.{v}.sigma_accu</c> and <c>decorrelation.{v}.count</c>).
/// </remarks>
public sealed class SoftCcaObjective : nn.Module<IReadOnlyList<Tensor>, LossBreakdown>
{
    private readonly SoftCcaDistance distance;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> decorrelation;

    /// <param name="embeddingSizes">Width of each view's embedding (at least two views).</param>
    /// <param name="lambda">Weight λ ≥ 0 of the decorrelation terms.</param>
    /// <param name="method">Decorrelation of each view: SDL (default), DeCov (the baseline) or none.</param>
    /// <param name="alpha">SDL's running-average factor α.</param>
    /// <param name="reduction">SDL's reduction of the off-diagonal entries.</param>
    /// <param name="norm">SDL's norm on the off-diagonal: squared (default) or L1.</param>
    /// <param name="viewNames">Names used in the term names (<c>sdl(Left)</c>); "view0", "view1", ... by default.</param>
    public SoftCcaObjective(
        IReadOnlyList<long> embeddingSizes,
        double lambda = SdlDefaults.SoftCcaLambda,
        DecorrelationMethod method = DecorrelationMethod.Sdl,
        double alpha = StochasticDecorrelationLoss.DefaultAlpha,
        SdlReduction reduction = SdlReduction.Sum,
        IReadOnlyList<string>? viewNames = null,
        SdlNorm norm = SdlDefaults.Norm)
        : base(nameof(SoftCcaObjective))
    {
        if (embeddingSizes.Count < 2) throw new ArgumentException("Soft CCA needs at least two views.", nameof(embeddingSizes));
        if (lambda < 0 || double.IsNaN(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be ≥ 0.");
        ViewNames = ObjectiveTerms.CheckViewNames(viewNames, embeddingSizes.Count);
        Lambda = lambda;
        Method = method;
        distance = new SoftCcaDistance();
        decorrelation = ObjectiveTerms.DecorrelationModules(embeddingSizes, method, alpha, reduction, norm);
        RegisterComponents();
    }

    /// <summary>Weight λ of the decorrelation terms.</summary>
    public double Lambda { get; }
    /// <summary>Decorrelation applied to each view: SDL, DeCov or none.</summary>
    public DecorrelationMethod Method { get; }
    /// <summary>The view names used in the term names (<c>sdl(Left)</c>).</summary>
    public IReadOnlyList<string> ViewNames { get; }

    /// <summary>Terms <c>distance</c> and λ·<c>sdl(view)</c> (or <c>decov(view)</c>) per view.</summary>
    public override LossBreakdown forward(IReadOnlyList<Tensor> embeddings)
    {
        if (embeddings.Count != ViewNames.Count)
            throw new ArgumentException($"Soft CCA was built for {ViewNames.Count} views, got {embeddings.Count} embeddings.");
        var terms = new List<(string, Tensor, double)> { (TermNames.Distance, distance.call(embeddings), 1) };
        terms.AddRange(ObjectiveTerms.Decorrelation(decorrelation, Method, ViewNames, embeddings, Lambda));
        return LossBreakdown.Sum(terms);
    }
}
