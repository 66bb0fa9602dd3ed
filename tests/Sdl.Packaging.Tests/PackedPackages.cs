namespace Sdl.Packaging.Tests;

/// <summary>
/// Packs every package once (Sdl.Dsl, Sdl.Runtime, Sdl.Reports, Sdl.Export and the template) into a private folder,
/// for all the tests of <see cref="PackagingCollection"/>: packing is the slow part, and the tests only read or consume it.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The projects packed, by package id.</summary>
    public static readonly IReadOnlyDictionary<string, string> Projects = new Dictionary<string, string>
    {
        ["Sdl.Dsl"] = "src/Sdl.Dsl/Sdl.Dsl.csproj",
        ["Sdl.Runtime"] = "src/Sdl.Runtime/Sdl.Runtime.csproj",
        ["Sdl.Reports"] = "src/Sdl.Reports/Sdl.Reports.csproj",
        ["Sdl.Export"] = "src/Sdl.Export/Sdl.Export.csproj",
        ["Sdl.Templates"] = "templates/Sdl.Templates/Sdl.Templates.csproj",
    };

    /// <summary>A version of its own, so that the global package cache can never hand back an older build of ours.</summary>
    public string Version { get; } = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>Scratch folder of this run: packages/, artifacts/ and each test's consumer projects.</summary>
    public string Work { get; } = Path.Combine(Path.GetTempPath(), "sdl-pack-" + Guid.NewGuid().ToString("N"));

    /// <summary>The folder holding the .nupkg and .snupkg files; consumers use it as a package source.</summary>
    public string Folder => Path.Combine(Work, "packages");

    public PackedPackages()
    {
        foreach (var project in Projects.Values)
            // Built under an artifacts path of its own: the repository's bin/ and obj/ stay untouched while other test projects use them.
            Run("dotnet", $"pack \"{Path.Combine(RepositoryRoot, project)}\" -o \"{Folder}\" --artifacts-path \"{Path.Combine(Work, "artifacts")}\" -p:Version={Version}", RepositoryRoot);
    }

    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public string SymbolPackage(string id) => Path.Combine(Folder, $"{id}.{Version}.snupkg");

    /// <summary>A nuget.config that finds our packages in <see cref="Folder"/> and everything else on the configured feed.</summary>
    public void WriteNuGetConfig(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sdl-local" value="{Folder}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>Runs a command and returns its output; a non-zero exit fails the test with that output.</summary>
    public static string Run(string fileName, string arguments, string directory)
    {
        var (exitCode, output) = ProcessRunner.Run(fileName, arguments, directory, StepTimeout);
        Assert.True(exitCode == 0, $"'{fileName} {arguments}' failed with {exitCode}:\n{output}");
        return output;
    }

    public void Dispose()
    {
        TryDelete(Work);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in Projects.Keys)
            TryDelete(Path.Combine(cache, id.ToLowerInvariant(), Version));
    }

    static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static string RepositoryRoot { get; } = FindRoot();

    static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Sdl.Dsl.sln"))) return directory.FullName;
        throw new InvalidOperationException("Sdl.Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The packaging tests share one <see cref="PackedPackages"/> and run one after another (each builds a consumer; two cores are busy enough).</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
