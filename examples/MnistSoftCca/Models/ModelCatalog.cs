using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>
/// The generated models of this example, one class per method, declared 50 wide; the embedding
/// width, α and λ are set when a model is built (<see cref="ModelOptions"/>), checked by the same
/// rules as the attributes.
/// </summary>
public static class ModelCatalog
{
    /// <summary>Soft CCA with the squared SDL; null α or λ keeps the declared default.</summary>
    public static MultiViewModule SoftCca(int embedding, double? alpha = null, double? lambda = null) =>
        new MnistHalvesSoftCca(new ModelOptions { EmbeddingSize = embedding, Alpha = alpha, Lambda = lambda });

    /// <summary>Soft CCA with the L1 SDL (the ablation); null α or λ keeps the declared default.</summary>
    public static MultiViewModule SoftCcaL1(int embedding, double? alpha = null, double? lambda = null) =>
        new MnistHalvesSoftCcaL1(new ModelOptions { EmbeddingSize = embedding, Alpha = alpha, Lambda = lambda });

    /// <summary>DCCA-EY with an embedding of <paramref name="embedding"/> features.</summary>
    public static MultiViewModule DccaEy(int embedding) =>
        new MnistHalvesDccaEy(new ModelOptions { EmbeddingSize = embedding });

    /// <summary>Exact DCCA on the top <paramref name="embedding"/> correlations of an embedding that wide.</summary>
    public static MultiViewModule Dcca(int embedding, double? lambda = null) =>
        new MnistHalvesDcca(new ModelOptions { EmbeddingSize = embedding, Objective = new DccaOptions { TopK = embedding }, Lambda = lambda });

    /// <summary>Why no model can have an embedding of <paramref name="embedding"/> features, or null when one can.</summary>
    public static string? WidthProblem(int embedding) =>
        embedding < 2 ? $"an embedding needs at least 2 features to be correlated and decorrelated; it is {embedding}" : null;
}
