namespace Sdl.Runtime.Objectives;

/// <summary>
/// An objective's own settings (DCCA's ridge, FAE's β, ...): the declared attribute values, with the
/// <see cref="Models.ModelOptions.Objective"/> override applied. Recorded in <see cref="Models.Hyperparameters.Objective"/>;
/// the objective's runtime type reads its settings from there.
/// </summary>
public abstract record ObjectiveSettings
{
    /// <summary>The options type this objective takes, or null when it has no options of its own.</summary>
    protected virtual Type? OptionsType => null;

    /// <summary>
    /// Applies <paramref name="options"/> and checks the result with the rules of the compile-time diagnostics.
    /// </summary>
    /// <exception cref="ArgumentException">The options belong to another objective, or a value breaks its rule.</exception>
    public ObjectiveSettings With(ObjectiveOptions? options, string model, string objective)
    {
        if (options is null) return this;
        return Apply(options) ?? throw new ArgumentException(
            $"Model '{model}' has the objective {objective}, which cannot take {options.GetType().Name}; " +
            (OptionsType is null ? $"{objective} has no options of its own." : $"use {OptionsType.Name}."),
            nameof(Models.ModelOptions.Objective));
    }

    /// <summary>The settings with <paramref name="options"/> applied and checked, or null when they are of another objective.</summary>
    protected virtual ObjectiveSettings? Apply(ObjectiveOptions options) => null;

    /// <summary>
    /// The settings as parts of the model summary's title (<c>ridge = 0.001</c>), the values in force. By default each public
    /// property as <c>Name = value</c> (numbers round-trip, invariant culture), so a new objective's record needs no override.
    /// </summary>
    public virtual IEnumerable<string> Describe()
    {
        foreach (var property in GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.Name == "EqualityContract" || property.GetIndexParameters().Length > 0) continue;
            yield return property.GetValue(this) switch
            {
                double number => $"{property.Name} = {N(number)}",
                float number => $"{property.Name} = {N(number)}",
                IFormattable value => $"{property.Name} = {value.ToString(null, System.Globalization.CultureInfo.InvariantCulture)}",
                var value => $"{property.Name} = {value}",
            };
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> for <paramref name="parameter"/> with a diagnostic's message when not <paramref name="ok"/>.</summary>
    protected static void Require(bool ok, string parameter, string message, params object[] arguments) =>
        Models.Hyperparameters.Require(ok, parameter, message, arguments);

    /// <summary>A number as the diagnostics write it (round-trip, invariant culture).</summary>
    protected static string N(double value) => Models.Hyperparameters.N(value);
}

/// <summary>The settings of an objective whose options are <typeparamref name="TOptions"/>: options of any other type are refused.</summary>
/// <typeparam name="TOptions">The objective's own options record.</typeparam>
public abstract record ObjectiveSettings<TOptions> : ObjectiveSettings where TOptions : ObjectiveOptions
{
    /// <inheritdoc/>
    protected sealed override Type? OptionsType => typeof(TOptions);

    /// <inheritdoc/>
    protected sealed override ObjectiveSettings? Apply(ObjectiveOptions options) => options is TOptions own ? Apply(own) : null;

    /// <summary>The settings with <paramref name="options"/> applied and checked.</summary>
    protected abstract ObjectiveSettings Apply(TOptions options);
}

/// <summary>
/// Overrides of one objective's own settings, given in <see cref="Models.ModelOptions.Objective"/>
/// (<c>new ModelOptions { Objective = new DccaOptions { Ridge = 1e-4 } }</c>); a null property keeps the declared value.
/// Options of another objective's type are refused at construction.
/// </summary>
public abstract record ObjectiveOptions;
