using Sdl.Dsl;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Losses;

/// <summary>Creates the decorrelation loss a <c>[Decorrelate]</c> tap asks for.</summary>
internal static class Decorrelation
{
    /// <summary>The loss module for <paramref name="method"/>, or null for <see cref="DecorrelationMethod.None"/>.</summary>
    public static nn.Module<Tensor, Tensor>? Create(DecorrelationMethod method, long features, double alpha = StochasticDecorrelationLoss.DefaultAlpha, SdlReduction reduction = SdlReduction.Sum, SdlNorm norm = SdlDefaults.Norm) =>
        method switch
        {
            DecorrelationMethod.Sdl => new StochasticDecorrelationLoss(features, alpha, reduction, norm),
            DecorrelationMethod.DeCov => new DeCovLoss(features),
            DecorrelationMethod.None => null,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown decorrelation method."),
        };
}
