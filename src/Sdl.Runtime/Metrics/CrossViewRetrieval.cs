using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Metrics;

/// <summary>
/// Cross-view retrieval: each embedding of one view queries all embeddings of the other view
/// (row i of both views is the same sample). Reports Recall@K and mAP by instance and by class.
/// </summary>
/// <remarks>
/// Ties in similarity are broken by gallery index (a stable sort), so equal scores never favour
/// the relevant item. Computed in float64 on the CPU, in blocks of queries, so memory stays
/// O(block × gallery) rather than O(n²).
/// </remarks>
internal static class CrossViewRetrieval
{
    /// <summary>The K values reported unless others are asked for.</summary>
    public static readonly IReadOnlyList<int> DefaultRecallCutoffs = [1, 5, 10];

    private const int QueryBlock = 256;

    /// <param name="queries">[n, d] embeddings of the query view.</param>
    /// <param name="gallery">[n, d] embeddings of the other view, aligned row by row with <paramref name="queries"/>.</param>
    /// <param name="labels">Optional class label per sample (length n) for the by-class scores.</param>
    /// <param name="similarity">Cosine (default) or negative Euclidean distance.</param>
    /// <param name="recallCutoffs">The K of Recall@K (1, 5, 10 by default); each must be ≥ 1.</param>
    public static CrossViewRetrievalResult Evaluate(Tensor queries, Tensor gallery, Tensor? labels = null,
        RetrievalSimilarity similarity = RetrievalSimilarity.Cosine, IReadOnlyList<int>? recallCutoffs = null)
    {
        if (queries.dim() != 2 || gallery.dim() != 2 || queries.shape[1] != gallery.shape[1])
            throw new ArgumentException($"Retrieval expects two [n, d] embedding matrices of the same width, got [{string.Join(", ", queries.shape)}] and [{string.Join(", ", gallery.shape)}].");
        if (queries.shape[0] != gallery.shape[0])
            throw new ArgumentException($"Cross-view retrieval pairs row i of each view, so both need the same number of rows, got {queries.shape[0]} and {gallery.shape[0]}.");
        long n = queries.shape[0];
        if (n < 1) throw new ArgumentException("Retrieval needs at least one sample.");
        if (labels is not null && (labels.dim() != 1 || labels.shape[0] != n))
            throw new ArgumentException($"Expected one label per sample ({n}), got shape [{string.Join(", ", labels.shape)}].");
        var cutoffs = (recallCutoffs ?? DefaultRecallCutoffs).ToArray();
        if (cutoffs.Length == 0 || cutoffs.Any(k => k < 1)) throw new ArgumentException("Recall cut-offs must be ≥ 1.", nameof(recallCutoffs));

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (q, g) = Prepare(queries, gallery, similarity);
        var instanceKeys = arange(n, dtype: int64);
        var instance = new Accumulator(cutoffs);
        var byClass = labels is null ? null : new Accumulator(cutoffs);
        var classKeys = labels?.detach().to(int64, CPU);

        for (long start = 0; start < n; start += QueryBlock)
        {
            using var blockScope = NewDisposeScope();
            long size = Math.Min(QueryBlock, n - start);
            var scores = Similarities(q.narrow(0, start, size), g, similarity);
            // Stable descending sort: ties keep gallery order (see remarks).
            var (_, order) = scores.sort(dim: 1, descending: true, stable: true);
            instance.Add(order, instanceKeys.narrow(0, start, size), instanceKeys);
            if (byClass is not null) byClass.Add(order, classKeys!.narrow(0, start, size), classKeys!);
        }
        return new CrossViewRetrievalResult(instance.Result(n), byClass?.Result(n));
    }

    private static (Tensor Queries, Tensor Gallery) Prepare(Tensor queries, Tensor gallery, RetrievalSimilarity similarity)
    {
        var q = queries.detach().to(float64, CPU);
        var g = gallery.detach().to(float64, CPU);
        return similarity == RetrievalSimilarity.Cosine
            ? (nn.functional.normalize(q, dim: 1), nn.functional.normalize(g, dim: 1))
            : (q, g);
    }

    private static Tensor Similarities(Tensor queries, Tensor gallery, RetrievalSimilarity similarity) =>
        similarity == RetrievalSimilarity.Cosine ? queries.mm(gallery.t()) : -cdist(queries, gallery);

    /// <summary>Sums per-query hits and average precisions over the blocks.</summary>
    private sealed class Accumulator(int[] cutoffs)
    {
        private readonly double[] hits = new double[cutoffs.Length];
        private double averagePrecisionSum;

        public void Add(Tensor order, Tensor queryKeys, Tensor galleryKeys)
        {
            // relevant[i, r]: is the item ranked r-th for query i relevant to it?
            var relevant = galleryKeys.index_select(0, order.flatten()).reshape(order.shape).eq(queryKeys.unsqueeze(1)).to(float64);
            long galleryCount = order.shape[1];
            for (int c = 0; c < cutoffs.Length; c++)
            {
                long k = Math.Min(cutoffs[c], galleryCount);
                hits[c] += relevant.narrow(1, 0, k).amax([1]).sum().item<double>();
            }
            var ranks = arange(1, galleryCount + 1, dtype: float64);
            var precisionAtHits = relevant.cumsum(1) / ranks * relevant;
            var relevantCount = relevant.sum([1]);
            // A query whose class has no item in the gallery contributes an average precision of 0.
            averagePrecisionSum += (precisionAtHits.sum([1]) / relevantCount.clamp_min(1)).sum().item<double>();
        }

        public RetrievalScores Result(long queries) =>
            new(cutoffs.Select((k, c) => (k, hits[c] / queries)).ToDictionary(p => p.k, p => p.Item2), averagePrecisionSum / queries);
    }
}
