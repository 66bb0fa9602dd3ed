namespace Sdl.Examples.Tests;

/// <summary>A theory that needs a pseudo-terminal from util-linux's <c>script</c> (Linux); skipped, with the reason in its name, without it.</summary>
sealed class TerminalTheoryAttribute : TheoryAttribute
{
    public TerminalTheoryAttribute([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        if (OperatingSystem.IsLinux() && File.Exists("/usr/bin/script")) return;
        Skip = "needs a pseudo-terminal: Linux with util-linux's script (apt-get install bsdutils)";
        DisplayName = $"{test} [skipped: {Skip}]";
    }
}
