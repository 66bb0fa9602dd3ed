using static TorchSharp.torch;

namespace Sdl.Runtime.Metrics;

/// <summary>
/// Retrieval and probe metrics of a pair of embeddings, all measured in the top-k CCA space
/// fitted on the training embeddings (so every method is compared in the same way):
/// cross-view Recall@1 by instance and mAP by class (left queries, right gallery, test data), and
/// the accuracy of a linear probe trained on left training projections and tested on left test projections.
/// </summary>
public static class EmbeddingMetrics
{
    /// <summary>Metric name: fraction of left test queries whose nearest right test embedding is their own pair.</summary>
    public const string InstanceRecallAt1 = "R@1 L→R";
    /// <summary>Metric name: mean average precision of left-to-right retrieval, a match being any sample of the same class.</summary>
    public const string ClassMeanAveragePrecision = "class mAP L→R";
    /// <summary>Metric name: test accuracy of the linear probe on the left view's CCA projections.</summary>
    public const string ProbeAccuracy = "probe acc. (L)";

    /// <summary>Fits linear CCA with <paramref name="components"/> pairs on the training embeddings, then measures the retrieval and probe metrics in that space.</summary>
    /// <returns>The metrics by name (<see cref="InstanceRecallAt1"/>, <see cref="ProbeAccuracy"/>, and <see cref="ClassMeanAveragePrecision"/> when class retrieval is measured).</returns>
    public static IReadOnlyDictionary<string, double> Evaluate(
        Tensor train1, Tensor train2, Tensor test1, Tensor test2, int[] trainLabels, int[] testLabels, int components)
    {
        using var scope = NewDisposeScope();
        var projection = LinearCca.Fit(train1, train2, components, CorrelationEvaluation.DefaultRidge);
        var query = projection.ProjectFirst(test1);
        var gallery = projection.ProjectSecond(test2);
        var testLabelTensor = tensor(testLabels.Select(l => (long)l).ToArray());
        var retrieval = CrossViewRetrieval.Evaluate(query, gallery, testLabelTensor);
        var probe = LinearProbe.Fit(projection.ProjectFirst(train1), tensor(trainLabels.Select(l => (long)l).ToArray()));
        var metrics = new Dictionary<string, double>
        {
            [InstanceRecallAt1] = retrieval.ByInstance.Recall[1],
            [ProbeAccuracy] = probe.Accuracy(projection.ProjectFirst(test1), testLabelTensor),
        };
        if (retrieval.ByClass is not null) metrics[ClassMeanAveragePrecision] = retrieval.ByClass.MeanAveragePrecision;
        return metrics;
    }
}
