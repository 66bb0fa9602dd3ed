namespace Sdl.Examples.CommandLine;

/// <summary>A command-line option out of range or unusable, found before any work; the message names the option.</summary>
public sealed class OptionException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> names the option and why it is unusable.</summary>
    public OptionException(string message, Exception? inner = null) : base(message, inner) { }
}
