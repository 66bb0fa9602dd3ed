using Sdl.Dsl;
using Sdl.Runtime.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>What the multi-view objectives share: view names and one decorrelation module per view.</summary>
internal static class ObjectiveTerms
{
    public static IReadOnlyList<string> CheckViewNames(IReadOnlyList<string>? names, int views)
    {
        if (names is null) return Enumerable.Range(0, views).Select(v => $"view{v}").ToArray();
        if (names.Count != views) throw new ArgumentException($"Expected {views} view names, got {names.Count}.", nameof(names));
        return names.ToArray();
    }

    public static ModuleList<nn.Module<Tensor, Tensor>> DecorrelationModules(IEnumerable<long> widths, DecorrelationMethod method, double alpha, SdlReduction reduction, SdlNorm norm) =>
        nn.ModuleList(widths.Select(width => Losses.Decorrelation.Create(method, width, alpha, reduction, norm)).OfType<nn.Module<Tensor, Tensor>>().ToArray());

    /// <summary>λ·D(z_v) per view, named <c>sdl(view)</c> or <c>decov(view)</c>; nothing for <see cref="DecorrelationMethod.None"/>.</summary>
    public static IEnumerable<(string, Tensor, double)> Decorrelation(ModuleList<nn.Module<Tensor, Tensor>> modules, DecorrelationMethod method, IReadOnlyList<string> viewNames, IReadOnlyList<Tensor> activations, double lambda)
    {
        if (method == DecorrelationMethod.None) yield break;
        for (int v = 0; v < modules.Count; v++)
            yield return (TermNames.Decorrelation(method, viewNames[v]), modules[v].call(activations[v]), lambda);
    }
}
