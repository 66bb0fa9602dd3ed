using Sdl.Runtime.Metrics;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Metrics;

public class CrossViewRetrievalTests
{
    private static Tensor UnitVectors(params double[] degrees) =>
        tensor(degrees.SelectMany(a => new[] { Math.Cos(a * Math.PI / 180), Math.Sin(a * Math.PI / 180) }).ToArray(), degrees.Length, 2);

    [Fact]
    public void HandCheckedCase_ByInstanceAndByClass()
    {
        // Queries at 0°, 90°, 180°; gallery at 10°, 60°, 100°. Rankings by angle:
        //   q0: g0 (10°), g1 (60°), g2 (100°)  -> own item g0 at rank 1
        //   q1: g2 (10°), g1 (30°), g0 (80°)   -> own item g1 at rank 2
        //   q2: g2 (80°), g1 (120°), g0 (170°) -> own item g2 at rank 1
        // Labels [0, 1, 0]: AP(q0) = (1 + 2/3)/2, AP(q1) = 1/2, AP(q2) = (1 + 2/3)/2.
        var queries = UnitVectors(0, 90, 180) * tensor(new[] { 1.0, 3.0, 0.5 }).unsqueeze(1); // cosine ignores norms
        var gallery = UnitVectors(10, 60, 100);
        var labels = tensor(new long[] { 0, 1, 0 });

        var result = CrossViewRetrieval.Evaluate(queries, gallery, labels, recallCutoffs: [1, 2]);

        Assert.Equal(2.0 / 3, result.ByInstance.Recall[1], 1e-12);
        Assert.Equal(1.0, result.ByInstance.Recall[2], 1e-12);
        Assert.Equal((1 + 0.5 + 1) / 3, result.ByInstance.MeanAveragePrecision, 1e-12);
        Assert.NotNull(result.ByClass);
        Assert.Equal(2.0 / 3, result.ByClass!.Recall[1], 1e-12);
        Assert.Equal(1.0, result.ByClass.Recall[2], 1e-12);
        Assert.Equal((5.0 / 6 + 0.5 + 5.0 / 6) / 3, result.ByClass.MeanAveragePrecision, 1e-12);
    }

    [Fact]
    public void Euclidean_UsesDistancesWhereNormsMatter()
    {
        // 1-D: queries 0, 10; gallery 9, 1. Cosine cannot tell positive numbers apart; distance can.
        var queries = tensor(new[] { 0.5, 10.0 }, 2, 1);
        var gallery = tensor(new[] { 1.0, 9.0 }, 2, 1);

        var euclidean = CrossViewRetrieval.Evaluate(queries, gallery, similarity: RetrievalSimilarity.Euclidean, recallCutoffs: [1]);
        var cosine = CrossViewRetrieval.Evaluate(queries, gallery, recallCutoffs: [1]);

        Assert.Equal(1.0, euclidean.ByInstance.Recall[1]);
        Assert.Equal(0.5, cosine.ByInstance.Recall[1]); // all similarities tie at 1: stable order puts g0 first
        Assert.Null(euclidean.ByClass);
    }

    [Fact]
    public void RandomEmbeddings_ScoreAtChance_AndNoisyCopiesFarAbove()
    {
        const int n = 600, d = 16;
        var random = new Random(100);
        var view1 = tensor(Float64Sdl.GaussianMatrix(random, n, d), float64);
        var unrelated = tensor(Float64Sdl.GaussianMatrix(random, n, d), float64);
        var noisyCopy = view1 + 0.3 * tensor(Float64Sdl.GaussianMatrix(random, n, d), float64);
        // Blocks of 256 queries are used internally: n = 600 spans three blocks.

        var chance = CrossViewRetrieval.Evaluate(view1, unrelated);
        var matched = CrossViewRetrieval.Evaluate(view1, noisyCopy);

        Assert.InRange(chance.ByInstance.Recall[10], 0, 0.04); // expected 10/600
        Assert.True(matched.ByInstance.Recall[1] > 0.95, $"R@1 {matched.ByInstance.Recall[1]}");
        Assert.True(matched.ByInstance.Recall[1] <= matched.ByInstance.Recall[5] && matched.ByInstance.Recall[5] <= matched.ByInstance.Recall[10]);
    }

    [Fact]
    public void MismatchedViews_AreReported()
    {
        Assert.Throws<ArgumentException>(() => CrossViewRetrieval.Evaluate(ones(4, 3), ones(5, 3)));
        Assert.Throws<ArgumentException>(() => CrossViewRetrieval.Evaluate(ones(4, 3), ones(4, 2)));
        Assert.Throws<ArgumentException>(() => CrossViewRetrieval.Evaluate(ones(4, 3), ones(4, 3), tensor(new long[] { 1, 2 })));
    }
}
