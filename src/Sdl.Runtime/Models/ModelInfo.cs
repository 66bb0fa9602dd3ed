using Sdl.Dsl;

namespace Sdl.Runtime.Models;

/// <summary>The objective a model was declared with.</summary>
public enum ObjectiveKind
{
    /// <summary><c>[SoftCca]</c>: Soft CCA (agreement of batch-normalised embeddings plus decorrelation).</summary>
    SoftCca,
    /// <summary><c>[Dcca]</c>: exact deep CCA (top-k canonical correlations of two views).</summary>
    Dcca,
    /// <summary><c>[DccaEy]</c>: the SVD-free Eckhart–Young form of deep CCA.</summary>
    DccaEy,
    /// <summary><c>[Fae]</c>: the factorisation autoencoder (shared and private latent blocks, reconstruction, agreement, decorrelation).</summary>
    Fae,
    /// <summary><c>[Supervised]</c>: a classifier trained with cross-entropy on the labels.</summary>
    Supervised,
    /// <summary><c>[BarlowTwins]</c>: Barlow Twins (cross-correlation of the batch-normalised embeddings of two views pulled to the identity).</summary>
    BarlowTwins,
}

/// <summary>One input view: its name, the shape of one sample, and its embedding width.</summary>
public sealed record ViewInfo(string Name, IReadOnlyList<long> InputShape, long EmbeddingSize)
{
    /// <summary>Number of input features of one sample (the product of <see cref="InputShape"/>).</summary>
    public long InputSize => InputShape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>What the trainer and the reports need to know about a generated model.</summary>
public sealed record ModelInfo(
    string Name,
    ObjectiveKind Objective,
    IReadOnlyList<ViewInfo> Views,
    IReadOnlyList<TapInfo> Decorrelations,
    int Classes = 0,
    Hyperparameters? Hyperparameters = null);
