using System.Text;

namespace Sdl.Packaging.Tests;

/// <summary>
/// The `dotnet new` template as a user meets it: install the template from its .nupkg (into a private
/// template hive), create a project, build it against the packed packages, and run one short epoch on
/// generated .npy views. The run also consumes Sdl.Export from its package (it exports the encoders to
/// ONNX, and the test checks the files), and Sdl.Reports (the template enables its live bars; redirected
/// output falls back to plain lines).
/// </summary>
[Collection(PackagingCollection.Name)]
public class TemplateTests(PackedPackages packages)
{
    [Fact]
    public void SdlMultiView_InstallsCreatesBuildsAndTrainsOneEpoch_ThenExportsOnnx()
    {
        var hive = Path.Combine(packages.Work, "hive");
        var project = Path.Combine(packages.Work, "MyProject");
        var template = packages.Package("Sdl.Templates");
        PackedPackages.Run("dotnet", $"new install \"{template}\" --debug:custom-hive \"{hive}\"", packages.Work);
        PackedPackages.Run("dotnet", $"new sdl-multiview -n MyProject -o \"{project}\" --sdlVersion {packages.Version} --debug:custom-hive \"{hive}\"", packages.Work);
        Assert.True(File.Exists(Path.Combine(project, "MyProject.csproj")));
        Assert.Contains(packages.Version, File.ReadAllText(Path.Combine(project, "MyProject.csproj")));
        packages.WriteNuGetConfig(project);

        WriteViews(Path.Combine(project, "data"), samples: 1200, seed: 3);
        PackedPackages.Run("dotnet", "build", project);
        var run = PackedPackages.Run("dotnet", "run --no-build -- data/left.npy data/right.npy 1", project);

        Assert.Contains("960 train, 120 validation, 120 test samples", run);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(run, @"Total canonical correlation of the embeddings \(validation, top 4\): \d+\.\d{3} \(best of 1 epoch\(s\)\)"), run);
        foreach (var view in new[] { "Left", "Right" })
        {
            var onnx = File.ReadAllBytes(Path.Combine(project, "runs", "onnx", $"{view}.onnx"));
            // An ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08.
            Assert.Equal(0x08, onnx[0]);
            Assert.True(onnx.Length > 1_000, $"{view}.onnx holds the encoder's weights");
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
}
