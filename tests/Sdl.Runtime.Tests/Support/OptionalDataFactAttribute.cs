using System.Runtime.CompilerServices;

namespace Sdl.Runtime.Tests.Support;

/// <summary>
/// A test that reads optional data installed outside the repository (a Debian data package). When
/// the folder is absent the test is skipped, and the runner prints the reason; when the environment
/// variable <see cref="RequireVariable"/> is <c>1</c> (CI sets it after installing the package) the
/// test runs anyway and fails on the missing folder, so CI can never skip it silently.
/// xunit 2 has no dynamic skip; setting <see cref="FactAttribute.Skip"/> from the constructor is
/// its documented extension point, and it is decided when the tests are discovered. `dotnet test`
/// at its default verbosity lists skipped tests by name but not their reason, so the reason is put
/// into the display name too: the fresh-machine output says why.
/// </summary>
public sealed class OptionalDataFactAttribute : FactAttribute
{
    public const string RequireVariable = "SDL_REQUIRE_OPTIONAL_DATA";

    public OptionalDataFactAttribute(string folder, string debianPackage, [CallerMemberName] string test = "")
    {
        if (Directory.Exists(folder) || Required) return;
        Skip = $"optional data {folder} is absent (apt-get install {debianPackage}; {RequireVariable}=1 makes this a failure, as in .ci/run)";
        DisplayName = $"{test} [skipped: {Skip}]";
    }

    /// <summary>True when the environment says optional data must be present.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";
}
