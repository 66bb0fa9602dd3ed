using Sdl.Runtime.Tests.Python;

namespace Sdl.Export.Tests;

/// <summary>
/// A theory that needs Python with <see cref="Modules"/>; skipped with the reason where they are
/// missing, like <see cref="PythonFactAttribute"/> (CI installs them).
/// </summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public PythonTheoryAttribute(params string[] modules)
    {
        Modules = modules;
        if (PythonInterpreter.Find(modules) is null)
            Skip = $"needs python3 with {string.Join(", ", modules)} (Debian: apt-get install {string.Join(" ", modules.Select(m => $"python3-{m}"))}); .ci/run installs them.";
    }

    public string[] Modules { get; }
}
