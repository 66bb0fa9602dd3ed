using Sdl.Runtime.Models;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>
/// The generated models of this example, by objective. The declared classes (embedding 10 and 50) are used as
/// declared for their own width; any other width, and α and λ, are set at construction (<see cref="ModelOptions"/>):
/// the generator's model re-checks them with the rules of its compile-time diagnostics.
/// </summary>
public static class ModelCatalog
{
    /// <summary>The widths with a declared class of their own (their checkpoints keep that class's name).</summary>
    public static readonly IReadOnlyList<int> EmbeddingSizes = [10, 50];

    /// <summary>Soft CCA + SDL with an embedding of <paramref name="embedding"/> features; null α or λ keeps the declared default.</summary>
    public static MultiViewModule SoftCca(int embedding, double? alpha = null, double? lambda = null)
    {
        var options = new ModelOptions { EmbeddingSize = embedding, Alpha = alpha, Lambda = lambda };
        return embedding == 10 ? new MnistHalvesSoftCca10(options) : new MnistHalvesSoftCca50(options);
    }

    /// <summary>Exact DCCA on the top <paramref name="embedding"/> correlations of an embedding that wide.</summary>
    public static MultiViewModule Dcca(int embedding, double? lambda = null)
    {
        var options = new ModelOptions { EmbeddingSize = embedding, TopK = embedding, Lambda = lambda };
        return embedding == 10 ? new MnistHalvesDcca10(options) : new MnistHalvesDcca50(options);
    }

    /// <summary>Fails before any work when no model can have an embedding of <paramref name="embedding"/> features.</summary>
    public static void EnsureDeclared(int embedding)
    {
        if (embedding < 2)
            throw new ArgumentException($"An embedding of {embedding} feature(s) cannot be decorrelated or correlated; use at least 2.", nameof(embedding));
    }
}
