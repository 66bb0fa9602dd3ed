using static TorchSharp.torch;

namespace Sdl.Examples.Experiments;

/// <summary>Pearson correlations between the columns of embeddings, in float64, summarised as one number.</summary>
public static class CorrelationStatistics
{
    /// <summary>
    /// Mean |correlation| over the off-diagonal pairs of one embedding's columns: 0 when every unit
    /// carries its own signal, 1 when all units repeat one signal. This is what SDL penalises.
    /// </summary>
    public static double Redundancy(Tensor embedding)
    {
        using var scope = NewDisposeScope();
        var correlation = Correlation(embedding, embedding).abs();
        long k = correlation.shape[0];
        return (correlation.sum().item<double>() - correlation.diagonal().sum().item<double>()) / (k * (k - 1));
    }

    /// <summary>Mean |correlation| between every column of <paramref name="a"/> and every column of <paramref name="b"/> (same samples).</summary>
    public static double MeanAbsoluteCrossCorrelation(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return Correlation(a, b).abs().mean().item<double>();
    }

    /// <summary>Correlation matrix [columns of a, columns of b]; a constant column correlates 0 with everything.</summary>
    static Tensor Correlation(Tensor a, Tensor b)
    {
        if (a.shape[0] != b.shape[0]) throw new ArgumentException($"Both embeddings need the same samples: {a.shape[0]} and {b.shape[0]} rows.");
        static Tensor Standardise(Tensor x)
        {
            var x64 = x.to(ScalarType.Float64);
            var centred = x64 - x64.mean([0], keepdim: true);
            var norm = centred.pow(2).sum([0], keepdim: true).sqrt();
            return centred / norm.clamp_min(1e-12);
        }
        return Standardise(a).t().matmul(Standardise(b));
    }
}
