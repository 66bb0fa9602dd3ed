namespace Sdl.Packaging.Tests;

/// <summary>
/// What a user does: pack Sdl.Dsl (attributes + generator) and Sdl.Runtime (TorchSharp-cpu, libstdc++ build step),
/// then build and run a project that references only those packages, from a local folder plus the normal feed.
/// Running it also proves that the packaged libstdc++ step makes TorchSharp load on this machine.
/// </summary>
public class PackAndConsumeTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public void ConsumerOfThePackages_BuildsAndTrains()
    {
        // A version of its own, so that the global package cache can never hand back an older build of ours.
        var version = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Path.Combine(Path.GetTempPath(), "sdl-pack-" + Guid.NewGuid().ToString("N"));
        var packages = Path.Combine(work, "packages");
        var consumer = Path.Combine(work, "consumer");
        try
        {
            foreach (var project in new[] { "src/Sdl.Dsl/Sdl.Dsl.csproj", "src/Sdl.Runtime/Sdl.Runtime.csproj" })
                // Built under an artifacts path of its own: the repository's bin/ and obj/ stay untouched while other test projects use them.
                Succeed("dotnet", $"pack \"{Path.Combine(RepositoryRoot, project)}\" -o \"{packages}\" --artifacts-path \"{Path.Combine(work, "artifacts")}\" -p:Version={version}", RepositoryRoot);

            var dsl = Path.Combine(packages, $"Sdl.Dsl.{version}.nupkg");
            Assert.True(File.Exists(dsl));
            using (var archive = System.IO.Compression.ZipFile.OpenRead(dsl))
            {
                Assert.Contains(archive.Entries, e => e.FullName == "analyzers/dotnet/cs/Sdl.Generators.dll");
                Assert.Contains(archive.Entries, e => e.FullName == "analyzers/dotnet/cs/Sdl.Generators.CodeFixes.dll");
            }

            ConsumerProject.Write(consumer, packages, version);
            Succeed("dotnet", "build", consumer);
            var run = Succeed("dotnet", "run --no-build", consumer);
            Assert.Contains("keys: Left.fc1.weight,Left.fc1.bias,Left.embed.weight", run);
            Assert.Matches(@"loss \d+\.\d{4} -> \d+\.\d{4}", run);
            Assert.Contains("wide: 6, lambda 0.02", run);
        }
        finally
        {
            TryDelete(work);
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            TryDelete(Path.Combine(cache, "sdl.dsl", version));
            TryDelete(Path.Combine(cache, "sdl.runtime", version));
        }
    }

    private static string Succeed(string fileName, string arguments, string directory)
    {
        var (exitCode, output) = ProcessRunner.Run(fileName, arguments, directory, StepTimeout);
        Assert.True(exitCode == 0, $"'{fileName} {arguments}' failed with {exitCode}:\n{output}");
        return output;
    }

    private static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Sdl.Dsl.sln"))) return directory.FullName;
        throw new InvalidOperationException("Sdl.Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}
