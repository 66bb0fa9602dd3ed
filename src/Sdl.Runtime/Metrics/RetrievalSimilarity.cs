namespace Sdl.Runtime.Metrics;

/// <summary>How <see cref="CrossViewRetrieval"/> ranks gallery items for a query.</summary>
internal enum RetrievalSimilarity
{
    /// <summary>Cosine similarity (the default): ignores embedding norms.</summary>
    Cosine = 0,

    /// <summary>Negative Euclidean distance.</summary>
    Euclidean = 1,
}
