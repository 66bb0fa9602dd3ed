using System.Text;

namespace Sdl.Packaging.Tests;

/// <summary>
/// The `dotnet new` template as a user meets it: pack the three library packages and the template
/// package, install the template from its .nupkg (into a private template hive), create a project,
/// build it against the packed packages, and run one short epoch on generated .npy views. The run
/// also consumes Sdl.Export from its package (it exports the encoders to ONNX).
/// </summary>
public class TemplateTests
{
    static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void SdlMultiView_InstallsCreatesBuildsAndTrainsOneEpoch_ThenExportsOnnx()
    {
        var version = $"0.1.0-tpltest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Path.Combine(Path.GetTempPath(), "sdl-template-" + Guid.NewGuid().ToString("N"));
        var packages = Path.Combine(work, "packages");
        var hive = Path.Combine(work, "hive");
        var project = Path.Combine(work, "MyProject");
        try
        {
            foreach (var csproj in new[] { "src/Sdl.Dsl/Sdl.Dsl.csproj", "src/Sdl.Runtime/Sdl.Runtime.csproj", "src/Sdl.Export/Sdl.Export.csproj", "templates/Sdl.Templates/Sdl.Templates.csproj" })
                Succeed("dotnet", $"pack \"{Path.Combine(Root, csproj)}\" -o \"{packages}\" --artifacts-path \"{Path.Combine(work, "artifacts")}\" -p:Version={version}", Root);

            var template = Path.Combine(packages, $"Sdl.Templates.{version}.nupkg");
            Succeed("dotnet", $"new install \"{template}\" --debug:custom-hive \"{hive}\"", work);
            Succeed("dotnet", $"new sdl-multiview -n MyProject -o \"{project}\" --sdlVersion {version} --debug:custom-hive \"{hive}\"", work);
            Assert.True(File.Exists(Path.Combine(project, "MyProject.csproj")));
            Assert.Contains(version, File.ReadAllText(Path.Combine(project, "MyProject.csproj")));
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="sdl-local" value="{packages}" />
                  </packageSources>
                </configuration>
                """);

            WriteViews(Path.Combine(project, "data"), samples: 1200, seed: 3);
            Succeed("dotnet", "build", project);
            var run = Succeed("dotnet", "run --no-build -- data/left.npy data/right.npy 1", project);

            Assert.Contains("960 train, 120 validation, 120 test samples", run);
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(run, @"Total canonical correlation of the embeddings \(validation, top 4\): \d+\.\d{3} \(best of 1 epoch\(s\)\)"), run);
            Assert.True(File.Exists(Path.Combine(project, "runs", "onnx", "Left.onnx")));
            Assert.True(File.Exists(Path.Combine(project, "runs", "onnx", "Right.onnx")));
        }
        finally
        {
            TryDelete(work);
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "sdl.dsl", "sdl.runtime", "sdl.export", "sdl.templates" })
                TryDelete(Path.Combine(cache, id, version));
        }
    }

    /// <summary>Two float32 C-order .npy views (20 and 15 features) sharing four latent factors, written byte by byte.</summary>
    static void WriteViews(string directory, int samples, int seed)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var left = new float[samples * 20];
        var right = new float[samples * 15];
        for (int n = 0; n < samples; n++)
        {
            for (int j = 0; j < 20; j++) left[n * 20 + j] = random.NextSingle() - 0.5f;
            for (int j = 0; j < 15; j++) right[n * 15 + j] = random.NextSingle() - 0.5f;
            for (int k = 0; k < 4; k++)
            {
                float z = random.NextSingle() - 0.5f;
                left[n * 20 + k] += 2 * z;
                right[n * 15 + 14 - k] -= 2 * z;
            }
        }
        WriteNpy(Path.Combine(directory, "left.npy"), left, samples, 20);
        WriteNpy(Path.Combine(directory, "right.npy"), right, samples, 15);
    }

    static void WriteNpy(string path, float[] values, int rows, int columns)
    {
        var dictionary = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        int padding = (64 - (10 + dictionary.Length + 1) % 64) % 64;
        var text = dictionary + new string(' ', padding) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, .. "NUMPY"u8, 1, 0, (byte)(text.Length & 0xff), (byte)(text.Length >> 8)]);
        stream.Write(Encoding.ASCII.GetBytes(text));
        foreach (var value in values) stream.Write(BitConverter.GetBytes(value));
    }

    static string Succeed(string fileName, string arguments, string directory)
    {
        var (exitCode, output) = ProcessRunner.Run(fileName, arguments, directory, StepTimeout);
        Assert.True(exitCode == 0, $"'{fileName} {arguments}' failed with {exitCode}:\n{output}");
        return output;
    }

    static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Sdl.Dsl.sln"))) return directory.FullName;
        throw new InvalidOperationException("Sdl.Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}
