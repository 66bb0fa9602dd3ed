using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// The value rules of every tunable hyperparameter and the message that explains a violation, in one place:
    /// the generator (which compiles this file too) reports them as compile-time diagnostics on the attribute,
    /// and <c>Sdl.Runtime</c> throws the same message when an override given at construction breaks them.
    /// Every rule is false for NaN and ±∞.
    /// </summary>
#if SDL_GENERATOR
    internal
#else
    public
#endif
    static class SdlRules
    {
        /// <summary>Message of an SDL α outside [0, 1): {0} the value, {1} the tap key.</summary>
        public const string AlphaMessage =
            "Alpha = {0} on the tap '{1}' is outside [0, 1): SDL's running average needs a finite 0 <= Alpha < 1 (0 is the per-batch loss)";

        /// <summary>Message of a weight, λ, β, ridge or floor that is negative or not finite: {0} what, {1} the value.</summary>
        public const string NonNegativeMessage =
            "{0} = {1} is not a finite number >= 0; loss weights, ridges and floors must be finite and non-negative";

        /// <summary>Message of a dropout probability outside [0, 1): {0} the layer key, {1} the value.</summary>
        public const string ProbabilityMessage =
            "The drop probability of '{0}' is {1}; it must be a finite number in [0, 1)";

        /// <summary>Message of an embedding width that cannot serve the model: {0} the model, {1} the value, {2} the rule.</summary>
        public const string EmbeddingSizeMessage =
            "EmbeddingSize = {1} cannot be used by model '{0}': {2}";

        /// <summary>Message of an enum value the enum does not define: {0} what, {1} the number, {2} the enum, {3} its names.</summary>
        public const string EnumMessage =
            "{0} = {1} is not a defined {2} value; use one of: {3}";

        /// <summary>Message of a value that must be strictly positive (DCCA's eigenvalue floor): {0} what, {1} the value.</summary>
        public const string PositiveMessage =
            "{0} = {1} is not a finite number > 0; DCCA raises the covariances' eigenvalues to this floor before inverting them";

        /// <summary>Message of two views whose embeddings an objective compares but whose widths differ: {0} objective, {1}/{2} first view and width, {3}/{4} the other.</summary>
        public const string EqualEmbeddingsMessage =
            "[{0}] compares the views' embeddings, so they need equal sizes: view '{1}' ends with {2} features but view '{3}' with {4}";

        /// <summary>Message of a classifier whose logits are not one per class: {0} the view, {1} its width, {2} the classes.</summary>
        public const string LogitsMessage =
            "View '{0}' ends with {1} outputs but [Supervised] declares Classes = {2}; make the last layer [Dense(\"logits\", {2})]";

        /// <summary>True when <paramref name="value"/> is one of the named members of its enum (enums cast from any integer).</summary>
        public static bool IsDefined<T>(T value) where T : struct, Enum => Enum.IsDefined(typeof(T), value);

        /// <summary>The names of an enum's members, for messages.</summary>
        public static string EnumNames<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames(typeof(T)));

        /// <summary>True when <paramref name="value"/> is finite and strictly positive.</summary>
        public static bool IsPositive(double value) => value > 0 && !double.IsInfinity(value);

        /// <summary>True when <paramref name="alpha"/> is a valid SDL running-average factor.</summary>
        public static bool IsAlpha(double alpha) => alpha >= 0 && alpha < 1;

        /// <summary>True when <paramref name="value"/> is finite and non-negative.</summary>
        public static bool IsNonNegative(double value) => value >= 0 && !double.IsInfinity(value);

        /// <summary>True when <paramref name="probability"/> is a valid drop probability.</summary>
        public static bool IsProbability(double probability) => probability >= 0 && probability < 1;

        /// <summary>Formats a rule's message with invariant numbers, as the diagnostics do.</summary>
        public static string Format(string message, params object[] arguments) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, message, arguments);
    }
}
