namespace Sdl.Runtime.CommandLine;

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
        if (!int.TryParse(args[at + 1], out int value)) throw new OptionException($"{name} must be a whole number; it is '{args[at + 1]}'.");
        if (value < minimum) throw new OptionException($"{name} must be at least {minimum}; it is {value}.");
        return value;
    }
}
