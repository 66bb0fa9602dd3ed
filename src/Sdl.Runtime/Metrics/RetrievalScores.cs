namespace Sdl.Runtime.Metrics;

/// <summary>
/// Retrieval quality of one direction (queries in one view, gallery in the other).
/// <see cref="Recall"/> maps K to the fraction of queries with a relevant item among the first K;
/// <see cref="MeanAveragePrecision"/> averages each query's average precision over the full ranking.
/// </summary>
internal sealed record RetrievalScores(IReadOnlyDictionary<int, double> Recall, double MeanAveragePrecision);

