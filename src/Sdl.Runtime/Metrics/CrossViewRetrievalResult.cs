namespace Sdl.Runtime.Metrics;

/// <summary>
/// Retrieval by instance (the only relevant item is the query's own counterpart in the other view)
/// and, when labels are given, by class (every gallery item of the query's class is relevant).
/// </summary>
internal sealed record CrossViewRetrievalResult(RetrievalScores ByInstance, RetrievalScores? ByClass);
