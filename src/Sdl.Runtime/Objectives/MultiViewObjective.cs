using System.Globalization;
using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Objectives;

/// <summary>
/// The base of every objective's runtime type: it owns one decorrelation module per tap (built from
/// <see cref="TapInfo"/> and the tap's width) and adds the terms λ·weight·D(tap); a concrete objective adds only its own
/// terms (<see cref="ObjectiveTerms"/>) and reads its own settings. A generated model builds one with one <c>new</c> and
/// its <c>ComputeLoss</c> is one call.
/// </summary>
/// <remarks>
/// The modules are named as the model's state_dict keys have always been (<c>sdl_Left_embed</c>, <c>distance</c>, ...):
/// a model registers them as its own children (<see cref="MultiViewModule.RegisterObjective"/>), so checkpoints, the
/// PyTorch export and the training package read the same keys. Names share one namespace with the views: a clash gets a
/// <c>_2</c>, <c>_3</c>... suffix.
/// </remarks>
public abstract class MultiViewObjective : nn.Module<MultiViewOutput, IReadOnlyList<Tensor>, Tensor?, LossBreakdown>
{
    private readonly HashSet<string> names;
    private readonly (string Term, string Key, nn.Module<Tensor, Tensor> Loss, double Weight)[] decorrelations;

    /// <param name="name">The TorchSharp name of the module.</param>
    /// <param name="model">The model: its views, taps, λ and the objective's settings (<see cref="ModelInfo.Hyperparameters"/>).</param>
    /// <param name="tapWidths">Each tap's width, in the order of <see cref="ModelInfo.Decorrelations"/> (any value for a tap without decorrelation).</param>
    protected MultiViewObjective(string name, ModelInfo model, IReadOnlyList<long> tapWidths) : base(name)
    {
        Model = model;
        Hyperparameters = model.Hyperparameters ?? throw new ArgumentException($"Model '{model.Name}' records no hyperparameters; an objective reads λ and its settings from them.", nameof(model));
        if (tapWidths.Count != model.Decorrelations.Count)
            throw new ArgumentException($"Model '{model.Name}' has {model.Decorrelations.Count} taps, got {tapWidths.Count} widths.", nameof(tapWidths));
        names = new HashSet<string>(model.Views.Select(v => v.Name), StringComparer.Ordinal);
        var terms = new List<(string, string, nn.Module<Tensor, Tensor>, double)>();
        for (int k = 0; k < model.Decorrelations.Count; k++)
        {
            var tap = model.Decorrelations[k];
            if (Decorrelation.Create(tap.Method, tapWidths[k], tap.Alpha, tap.Reduction, tap.Norm) is not { } loss) continue;
            Add((tap.Method == DecorrelationMethod.Sdl ? "sdl_" : "decov_") + tap.View + "_" + tap.Layer, loss);
            terms.Add((TermNames.Decorrelation(tap.Method, tap.Key), tap.Key, loss, Hyperparameters.Lambda * tap.Weight));
        }
        decorrelations = terms.ToArray();
    }

    /// <summary>The model this objective was built for.</summary>
    public ModelInfo Model { get; }

    /// <summary>The hyperparameters in force (λ, taps, the objective's settings).</summary>
    public Hyperparameters Hyperparameters { get; }

    /// <summary>Registers an objective module under <paramref name="name"/> (made unique among the views and taps).</summary>
    protected T Add<T>(string name, T module) where T : nn.Module
    {
        string unique = name;
        for (int n = 2; !names.Add(unique); n++) unique = name + "_" + n.ToString(CultureInfo.InvariantCulture);
        register_module(unique, module);
        return module;
    }

    /// <summary>The objective's own terms (name, unweighted value, weight), without the decorrelation terms.</summary>
    protected abstract IEnumerable<(string Name, Tensor Value, double Weight)> ObjectiveTerms(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels);

    /// <summary>The objective's terms, then λ·weight·D(tap) for every decorrelated tap.</summary>
    /// <param name="output">What the model's forward returned for this batch.</param>
    /// <param name="inputs">The batch, one tensor per view.</param>
    /// <param name="labels">Class labels, for objectives that use them.</param>
    public sealed override LossBreakdown forward(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels)
    {
        var terms = new List<(string, Tensor, double)>(decorrelations.Length + 4);
        terms.AddRange(ObjectiveTerms(output, inputs, labels));
        foreach (var (term, key, loss, weight) in decorrelations)
            terms.Add((term, loss.call(output.Taps[key]), weight));
        return LossBreakdown.Sum(terms);
    }

    /// <summary>The settings of type <typeparamref name="T"/> in <see cref="Hyperparameters"/>.</summary>
    protected T Settings<T>() where T : ObjectiveSettings =>
        Hyperparameters.Objective as T ?? throw new ArgumentException($"Model '{Model.Name}' records {Hyperparameters.Objective.GetType().Name}, not the {typeof(T).Name} of {GetType().Name}.");
}
