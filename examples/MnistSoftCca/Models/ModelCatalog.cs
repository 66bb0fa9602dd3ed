using Sdl.Runtime.Models;

namespace Sdl.Examples.MnistSoftCca.Models;

/// <summary>
/// The generated models of this example, by objective and embedding size. Sizes are compile-time
/// constants of the declarations (the generator checks them), so each size is its own class.
/// </summary>
public static class ModelCatalog
{
    public static readonly IReadOnlyList<int> EmbeddingSizes = [10, 50];

    public static MultiViewModule SoftCca(int embedding) => embedding switch
    {
        10 => new MnistHalvesSoftCca10(),
        50 => new MnistHalvesSoftCca50(),
        _ => throw Unsupported(embedding),
    };

    public static MultiViewModule SoftCcaL1(int embedding) => embedding switch
    {
        10 => new MnistHalvesSoftCcaL110(),
        50 => new MnistHalvesSoftCcaL150(),
        _ => throw Unsupported(embedding),
    };

    public static MultiViewModule DccaEy(int embedding) => embedding switch
    {
        10 => new MnistHalvesDccaEy10(),
        50 => new MnistHalvesDccaEy50(),
        _ => throw Unsupported(embedding),
    };

    public static MultiViewModule Dcca(int embedding) => embedding switch
    {
        10 => new MnistHalvesDcca10(),
        50 => new MnistHalvesDcca50(),
        _ => throw Unsupported(embedding),
    };

    /// <summary>Fails before any work when no model is declared for <paramref name="embedding"/>.</summary>
    public static void EnsureDeclared(int embedding)
    {
        if (!EmbeddingSizes.Contains(embedding)) throw Unsupported(embedding);
    }

    static ArgumentException Unsupported(int embedding) => new(
        $"No model is declared with embedding size {embedding}; this example declares {string.Join(" and ", EmbeddingSizes)} " +
        "(add a class in examples/MnistSoftCca/Models/ with [Dense(\"embed\", size)] for another size).");
}
