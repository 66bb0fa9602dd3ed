using Sdl.Build;

namespace Sdl.Build.Tests;

/// <summary>
/// A user's console project OUTSIDE this repository that references src/Sdl.Runtime by project (no package,
/// no import of our targets, no Directory.Build.targets of ours above it): it must build and multiply
/// matrices through TorchSharp, where without the step it dies at start-up with GLIBCXX_3.4.32 not found.
/// </summary>
public sealed class ProjectReferenceTests : IDisposable
{
    readonly string work = Path.Combine(Path.GetTempPath(), "sdl-projref-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sdl.Dsl.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    // The packaging tests' runner (linked source): a user's fresh shell, combined output, bounded in time.
    static (int ExitCode, string Output) Run(string fileName, string arguments, string directory) =>
        Sdl.Packaging.Tests.ProcessRunner.Run(fileName, arguments, directory, TimeSpan.FromMinutes(10));

    [Fact]
    public void ConsoleProjectOutsideTheRepository_WithAProjectReference_BuildsAndMultipliesMatrices()
    {
        string root = RepositoryRoot();
        Assert.False(work.StartsWith(root, StringComparison.Ordinal), "the project must live outside the repository");
        string project = Path.Combine(work, "UserApp");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "UserApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(root, "src", "Sdl.Runtime", "Sdl.Runtime.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using static TorchSharp.torch;
            using var a = tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
            using var product = a.matmul(a);
            System.Console.WriteLine("product " + string.Join(" ", product.data<double>().ToArray()));
            """);

        // Its own artifacts folder: the build of src/Sdl.Runtime it triggers leaves the checkout's obj/ and bin/ alone.
        string artifacts = Path.Combine(work, "artifacts");
        var build = Run("dotnet", $"build --artifacts-path \"{artifacts}\"", project);
        Assert.True(build.ExitCode == 0, build.Output);

        string output = Path.Combine(artifacts, "bin", "UserApp", "debug");
        string native = Path.Combine(output, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(native), $"expected {native}");
        string host = LibStdCxxCompat.FindHostLibrary(null) ?? throw new InvalidOperationException("no libstdc++.so.6 on this host");
        HashSet<string> hostVersions;
        using (var stream = File.OpenRead(host)) hostVersions = ElfVersions.ReadDefinedVersions(stream);
        using (var stream = File.OpenRead(native))
            Assert.Empty(ElfVersions.ReadVersionNeeds(stream).Where(n => n.File == LibStdCxxCompat.Library && !hostVersions.Contains(n.Name) && !n.IsWeak).Select(n => n.Name));

        var run = Run("dotnet", $"\"{Path.Combine(output, "UserApp.dll")}\"", project);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("product 7 10 15 22", run.Output);
    }
}
