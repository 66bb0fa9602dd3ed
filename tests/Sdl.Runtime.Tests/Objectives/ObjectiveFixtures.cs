using Sdl.Dsl;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

/// <summary>
/// Builds the runtime objectives outside a generated model: a <see cref="ModelInfo"/> with one tap per view on its
/// embedding (<c>"View.z"</c>), and the <see cref="MultiViewOutput"/> a model would pass. Linked into the benchmarks.
/// </summary>
internal static class ObjectiveFixtures
{
    public const string Layer = "z";

    public static ModelInfo Info(IReadOnlyList<long> widths, double lambda, DecorrelationMethod method, ObjectiveSettings settings,
        double alpha = Sdl.Runtime.Losses.StochasticDecorrelationLoss.DefaultAlpha, SdlNorm norm = SdlDefaults.Norm, SdlReduction reduction = SdlReduction.Sum,
        IReadOnlyList<string>? views = null)
    {
        var names = views ?? Enumerable.Range(0, widths.Count).Select(v => $"view{v}").ToArray();
        var taps = names.Select(v => new TapInfo(v, Layer, method, alpha, 1, norm, reduction)).ToArray();
        var hyperparameters = new Hyperparameters(lambda, taps, [], widths, settings);
        return new ModelInfo("fixture", ObjectiveKind.SoftCca, names.Select((v, i) => new ViewInfo(v, [widths[i]], widths[i])).ToArray(), taps, 0, hyperparameters);
    }

    public static SoftCcaObjective SoftCca(IReadOnlyList<long> widths, double lambda = SdlDefaults.SoftCcaLambda, DecorrelationMethod method = DecorrelationMethod.Sdl,
        double alpha = Sdl.Runtime.Losses.StochasticDecorrelationLoss.DefaultAlpha, SdlNorm norm = SdlDefaults.Norm, IReadOnlyList<string>? views = null) =>
        new(Info(widths, lambda, method, new SoftCcaSettings(), alpha, norm, views: views), widths);

    /// <summary>FAE on latents <c>[shared; private_v]</c>: the taps are the whole latents.</summary>
    public static FaeObjective Fae(long shared, IReadOnlyList<long> privateSizes, double beta, double lambda, double alpha = Sdl.Runtime.Losses.StochasticDecorrelationLoss.DefaultAlpha, IReadOnlyList<string>? views = null)
    {
        var latents = privateSizes.Select(p => shared + p).ToArray();
        var info = Info(latents, lambda, DecorrelationMethod.Sdl, new FaeSettings(beta), alpha, views: views);
        return new FaeObjective(info with { Views = info.Views.Select(v => v with { EmbeddingSize = shared }).ToArray() }, latents);
    }

    /// <summary>The output of a model whose embeddings are also its taps.</summary>
    public static MultiViewOutput Output(ModelInfo info, IReadOnlyList<Tensor> embeddings) =>
        new(embeddings, info.Decorrelations.Select((t, v) => (t.Key, embeddings[v])).ToDictionary(p => p.Key, p => p.Item2));

    /// <summary>The output of an FAE model: shared blocks as embeddings, whole latents as taps.</summary>
    public static MultiViewOutput FaeOutput(ModelInfo info, long shared, IReadOnlyList<Tensor> latents, IReadOnlyList<Tensor> reconstructions) =>
        new(latents.Select(h => h.narrow(1, 0, shared)).ToArray(), info.Decorrelations.Select((t, v) => (t.Key, latents[v])).ToDictionary(p => p.Key, p => p.Item2), reconstructions);

    /// <summary>Calls the objective on embeddings that are also its taps.</summary>
    public static LossBreakdown Call(this MultiViewObjective objective, IReadOnlyList<Tensor> embeddings) => objective.call(Output(objective.Model, embeddings), embeddings, null);
}
