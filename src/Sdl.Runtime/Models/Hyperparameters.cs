using System.ComponentModel;
using System.Globalization;
using Sdl.Dsl;

namespace Sdl.Runtime.Models;

/// <summary>
/// The hyperparameters a generated model was built with: the declared attribute values with the
/// <see cref="ModelOptions"/> applied and checked. Recorded in <see cref="ModelInfo.Hyperparameters"/>.
/// </summary>
/// <param name="Lambda">λ, the weight of the decorrelation terms.</param>
/// <param name="Taps">Each <c>[Decorrelate]</c> tap (and FAE's implicit one), in declaration order.</param>
/// <param name="Dropouts">Each <c>[Dropout]</c> layer, in declaration order.</param>
/// <param name="EmbeddingSizes">Each view's embedding width as declared (0 when measured at run time) or overridden.</param>
/// <param name="Objective">The objective's own settings (<see cref="Objectives.DccaSettings"/>, ...).</param>
public sealed record Hyperparameters(
    double Lambda,
    IReadOnlyList<TapInfo> Taps,
    IReadOnlyList<DropoutHyperparameter> Dropouts,
    IReadOnlyList<long> EmbeddingSizes,
    Objectives.ObjectiveSettings Objective)
{
    /// <summary>
    /// λ was not written on <c>[SoftCca]</c>, so it follows the embedding width (<see cref="SdlDefaults.SoftCcaLambdaFor"/>):
    /// <see cref="Resolve"/> recomputes it when <see cref="ModelOptions.EmbeddingSize"/> changes the width and
    /// <see cref="ModelOptions.Lambda"/> is not given.
    /// </summary>
    public bool LambdaFollowsWidth { get; init; }

    /// <summary>
    /// Applies <paramref name="options"/> to the declared values and checks the result; generated constructors call it.
    /// <paramref name="resizable"/> says, per view, whether its embedding width can change (a final declared Dense).
    /// </summary>
    /// <exception cref="ArgumentException">An override breaks its rule (the message is the diagnostic's), names an unknown tap or layer, or changes a width that cannot change.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Hyperparameters Resolve(string model, Hyperparameters declared, IReadOnlyList<bool> resizable, ModelOptions? options)
    {
        if (options is null) return declared;
        bool followsWidth = declared.LambdaFollowsWidth && options.Lambda is null;
        double lambda = options.Lambda ?? (followsWidth && options.EmbeddingSize is long resized ? SdlDefaults.SoftCcaLambdaFor(resized) : declared.Lambda);
        Require(SdlRules.IsNonNegative(lambda), nameof(ModelOptions.Lambda), SdlRules.NonNegativeMessage, "Lambda", N(lambda));

        CheckKeys(model, "TapWeights", options.TapWeights, declared.Taps.Select(t => t.Key));
        CheckKeys(model, "DropoutProbabilities", options.DropoutProbabilities, declared.Dropouts.Select(d => d.Key));
        var taps = declared.Taps.Select(tap =>
        {
            double alpha = tap.Method == DecorrelationMethod.Sdl ? options.Alpha ?? tap.Alpha : tap.Alpha;
            double weight = options.TapWeights is not null && options.TapWeights.TryGetValue(tap.Key, out var w) ? w : tap.Weight;
            Require(SdlRules.IsAlpha(alpha), nameof(ModelOptions.Alpha), SdlRules.AlphaMessage, N(alpha), tap.Key);
            Require(SdlRules.IsNonNegative(weight), nameof(ModelOptions.TapWeights), SdlRules.NonNegativeMessage, $"Weight of the tap '{tap.Key}'", N(weight));
            var norm = tap.Method == DecorrelationMethod.Sdl ? options.Norm ?? tap.Norm : tap.Norm;
            Require(SdlRules.IsDefined(norm), nameof(ModelOptions.Norm), SdlRules.EnumMessage, $"Norm of the tap '{tap.Key}'", (int)norm, nameof(SdlNorm), SdlRules.EnumNames<SdlNorm>());
            var reduction = tap.Method == DecorrelationMethod.Sdl ? options.Reduction ?? tap.Reduction : tap.Reduction;
            Require(SdlRules.IsDefined(reduction), nameof(ModelOptions.Reduction), SdlRules.EnumMessage, $"Reduction of the tap '{tap.Key}'", (int)reduction, nameof(SdlReduction), SdlRules.EnumNames<SdlReduction>());
            return tap with { Alpha = alpha, Weight = weight, Norm = norm, Reduction = reduction };
        }).ToArray();
        var dropouts = declared.Dropouts.Select(dropout =>
        {
            double p = options.DropoutProbabilities is not null && options.DropoutProbabilities.TryGetValue(dropout.Key, out var value) ? value : dropout.Probability;
            Require(SdlRules.IsProbability(p), nameof(ModelOptions.DropoutProbabilities), SdlRules.ProbabilityMessage, dropout.Key, N(p));
            return dropout with { Probability = p };
        }).ToArray();

        var sizes = declared.EmbeddingSizes.ToArray();
        if (options.EmbeddingSize is long width)
        {
            int fixedView = Enumerable.Range(0, sizes.Length).FirstOrDefault(v => !resizable[v], -1);
            if (fixedView >= 0 && sizes[fixedView] != width)
                throw new ArgumentException(SdlRules.Format(SdlRules.EmbeddingSizeMessage, model, width,
                    $"the embedding of view {fixedView} is not made by a final declared [Dense] (or is fixed by the objective), so its width cannot change"), nameof(ModelOptions.EmbeddingSize));
            if (width < 1)
                throw new ArgumentException(SdlRules.Format(SdlRules.EmbeddingSizeMessage, model, width, "an embedding needs at least one feature"), nameof(ModelOptions.EmbeddingSize));
            sizes = sizes.Select(_ => width).ToArray();
        }

        string objectiveName = declared.Objective.GetType().Name.Replace("Settings", "");
        var objective = declared.Objective.With(options.Objective, model, objectiveName);
        return new Hyperparameters(lambda, taps, dropouts, sizes, objective) { LambdaFollowsWidth = followsWidth };
    }

    /// <summary>
    /// Checks, once a custom encoder has been measured, that the views an objective compares have equal widths (the rule of
    /// SDL0007, which the generator can only apply to widths known at compile time); generated constructors call it.
    /// </summary>
    /// <exception cref="ArgumentException">Two views' embeddings differ in width.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void RequireEqualEmbeddings(string objective, IReadOnlyList<string> views, IReadOnlyList<long> widths)
    {
        for (int v = 1; v < widths.Count; v++)
            if (widths[v] != widths[0])
                throw new ArgumentException(SdlRules.Format(SdlRules.EqualEmbeddingsMessage, objective, views[0], widths[0], views[v], widths[v]));
    }

    /// <summary>
    /// Checks, once a custom encoder has been measured, that a classifier's logits are one per class (the rule of SDL0031);
    /// generated constructors call it.
    /// </summary>
    /// <exception cref="ArgumentException">The view's width is not the number of classes.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void RequireLogits(string view, long width, int classes)
    {
        if (width != classes) throw new ArgumentException(SdlRules.Format(SdlRules.LogitsMessage, view, width, classes));
    }

    /// <summary>
    /// The model summary's title: <paramref name="heading"/> (the model and its objective), the objective's settings in force
    /// (<see cref="Objectives.ObjectiveSettings.Describe"/>) and λ, so values overridden at construction show.
    /// </summary>
    public string Title(string heading) => string.Join(", ", new[] { heading }.Concat(Objective.Describe()).Append($"λ = {N(Lambda)}"));

    /// <summary>Lines for a model summary: λ, the objective's settings and each tap's weight and settings.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"λ = {N(Lambda)}";
        foreach (var tap in Taps)
        {
            string name = Objectives.TermNames.Decorrelation(tap.Method, tap.Key);
            yield return tap.Method switch
            {
                DecorrelationMethod.None => $"{name}: captured only (ablation)",
                DecorrelationMethod.Sdl => $"{name}: weight {N(Lambda * tap.Weight)}, alpha {N(tap.Alpha)}, {(tap.Norm == SdlNorm.Squared ? "squared" : "L1")} norm, {(tap.Reduction == SdlReduction.Sum ? "sum" : "mean")} reduction",
                _ => $"{name}: weight {N(Lambda * tap.Weight)}",
            };
        }
    }

    internal static void Require(bool ok, string parameter, string message, params object[] arguments)
    {
        if (!ok) throw new ArgumentException(SdlRules.Format(message, arguments), parameter);
    }

    private static void CheckKeys(string model, string what, IReadOnlyDictionary<string, double>? overrides, IEnumerable<string> known)
    {
        if (overrides is null) return;
        var names = known.ToList();
        foreach (var key in overrides.Keys)
            if (!names.Contains(key))
                throw new ArgumentException($"{what} names '{key}', which model '{model}' does not have; use one of: {string.Join(", ", names)}", what);
    }

    internal static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One dropout layer's probability.</summary>
/// <param name="Key">The layer, <c>"View.layer"</c>.</param>
/// <param name="Probability">Its drop probability.</param>
public sealed record DropoutHyperparameter(string Key, double Probability);
