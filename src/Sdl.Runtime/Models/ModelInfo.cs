using Sdl.Dsl;

namespace Sdl.Runtime.Models;

/// <summary>
/// The built-in objective a model was declared with, or <see cref="Custom"/> for an objective of its own
/// (an attribute marked <c>[ObjectiveRuntime]</c>, such as <c>[BarlowTwins]</c>), which <see cref="ModelInfo.ObjectiveName"/> names.
/// </summary>
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
    /// <summary>An objective declared by an attribute marked <c>[ObjectiveRuntime]</c> (docs/extending.md); <see cref="ModelInfo.ObjectiveName"/> names it.</summary>
    Custom,
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
    Hyperparameters? Hyperparameters = null)
{
    /// <summary>
    /// The objective's name: its attribute's without <c>Attribute</c> (<c>Dcca</c>, <c>BarlowTwins</c>). A built-in objective's is
    /// its <see cref="ObjectiveKind"/>; generated models set it for a <see cref="ObjectiveKind.Custom"/> one, so a new objective
    /// needs no member of the enum.
    /// </summary>
    public string ObjectiveName { get; init; } = Objective.ToString();
}
