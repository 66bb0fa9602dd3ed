using System.Globalization;

namespace Sdl.Examples.CommandLine;

/// <summary>The few flags the small example programs take, read with the same checks as the main job's options.</summary>
public static class ProgramArguments
{
    /// <summary>True when <c>--verbose</c> is given: an error then prints its stack trace.</summary>
    public static bool Verbose(IReadOnlyList<string> args) => args.Contains("--verbose");

    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/>; <see cref="OptionException"/> when it is missing, not a number or below <paramref name="minimum"/>.</summary>
    public static int Integer(IReadOnlyList<string> args, string name, int fallback, int minimum = 1)
    {
        int at = args.ToList().IndexOf(name);
        if (at < 0) return fallback;
        if (at + 1 >= args.Count) throw new OptionException($"{name} needs a value.");
        if (!int.TryParse(args[at + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) throw new OptionException($"{name} must be a whole number; it is '{args[at + 1]}'.");
        if (value < minimum) throw new OptionException($"{name} must be at least {minimum}; it is {value}.");
        return value;
    }

    /// <summary>
    /// Reads a number option the same way in every locale: a point is the decimal separator, and a
    /// comma is refused (under the invariant culture "0,001" would read as 1, a thousands separator),
    /// so <c>--lr 0,001</c> is an error that says how to write it, never a silent 1000-fold change.
    /// </summary>
    /// <exception cref="OptionException">The text is not a number written with a decimal point.</exception>
    public static double Number(string name, string text)
    {
        if (text.Contains(','))
            throw new OptionException($"{name} takes a point as the decimal separator (for example 0.001), whatever the locale; it is '{text}'.");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new OptionException($"{name} must be a number (for example 0.001 or 1e-3); it is '{text}'.");
        return value;
    }
}
