using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>A classifier: cross-entropy of the first view's logits against the labels (term <c>cross_entropy</c>) plus λ·weight·D(tap) per tap.</summary>
public sealed class SupervisedObjective : MultiViewObjective
{
    /// <param name="model">The model (its logits view, taps, λ, <see cref="SupervisedSettings"/>).</param>
    /// <param name="tapWidths">Each tap's width.</param>
    public SupervisedObjective(ModelInfo model, IReadOnlyList<long> tapWidths) : base(nameof(SupervisedObjective), model, tapWidths)
    {
        Settings<SupervisedSettings>();
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
    {
        if (labels is null)
            throw new ArgumentNullException(nameof(labels), $"{Model.Name} is a [Supervised] model: pass the class labels of the batch.");
        yield return (TermNames.CrossEntropy, nn.functional.cross_entropy(output.Embeddings[0], labels), 1);
    }
}

/// <summary>A classifier's settings: none of its own (the number of classes is the model's <see cref="ModelInfo.Classes"/>).</summary>
public sealed record SupervisedSettings : ObjectiveSettings;
