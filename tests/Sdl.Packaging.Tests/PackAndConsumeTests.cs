using System.IO.Compression;

namespace Sdl.Packaging.Tests;

/// <summary>
/// What a user does: reference some of our packages from a folder plus the normal feed, build and run.
/// Each package is consumed on its own terms: the core (Sdl.Dsl + Sdl.Runtime) must bring no console or plotting
/// library, and Sdl.Reports must draw. Sdl.Export is consumed by <see cref="TemplateTests"/> (the template exports ONNX).
/// Running a consumer also proves that the packaged libstdc++ step makes TorchSharp load on this machine.
/// </summary>
[Collection(PackagingCollection.Name)]
public class PackAndConsumeTests(PackedPackages packages)
{
    /// <summary>What Sdl.Reports brings, and the core must not: Spectre.Console, ScottPlot, and ScottPlot's text shaping and Linux native assets.</summary>
    static readonly string[] DisplayLibraries = ["Spectre.Console", "ScottPlot", "SkiaSharp.HarfBuzz", "HarfBuzzSharp", "SkiaSharp.NativeAssets.Linux.NoDependencies"];

    [Fact]
    public void CoreOnlyConsumer_BuildsAndTrains_WithoutConsoleOrPlotLibraries()
    {
        var consumer = Path.Combine(packages.Work, "core-consumer");
        ConsumerProject.Write(consumer, packages, ["Sdl.Dsl", "Sdl.Runtime"], ConsumerProject.CoreProgram);
        PackedPackages.Run("dotnet", "build", consumer);

        var restored = ConsumerProject.RestoredPackages(consumer);
        Assert.Contains("Sdl.Runtime", restored.Keys);
        Assert.Contains("TorchSharp-cpu", restored.Keys);
        // ContainsKey: the closure's keys compare without case, as NuGet ids do, so a casing slip cannot hide a library.
        foreach (var library in DisplayLibraries)
            Assert.False(restored.ContainsKey(library), $"{library} is in the core consumer's closure, brought by {string.Join(", ", ConsumerProject.Dependents(restored, library))}");
        // TorchSharp 0.107.0 itself depends on SkiaSharp 2.88 (for its image I/O), so a TorchSharp program always
        // restores it; it must come from TorchSharp alone, at TorchSharp's version, not from anything of ours.
        if (restored.TryGetValue("SkiaSharp", out var skia))
        {
            Assert.Equal(["TorchSharp"], ConsumerProject.Dependents(restored, "SkiaSharp"));
            Assert.StartsWith("2.88.", skia.Version);
        }

        var run = PackedPackages.Run("dotnet", "run --no-build", consumer);
        Assert.Contains("keys: Left.fc1.weight,Left.fc1.bias,Left.embed.weight", run);
        Assert.Matches(@"loss \d+\.\d{4} -> \d+\.\d{4}", run);
        Assert.Contains("wide: 6, lambda 0.02", run);
        Assert.Contains("[consumer] epoch 2/2", run);
        Assert.Contains("trainer epochs: 2", run);
        Assert.Contains("live refused: ProgressMode.Live needs a live display", run);
    }

    [Fact]
    public void ReportsConsumer_PrintsTheTable_AndWritesAPng()
    {
        var consumer = Path.Combine(packages.Work, "reports-consumer");
        ConsumerProject.Write(consumer, packages, ["Sdl.Reports"], ConsumerProject.ReportsProgram);
        PackedPackages.Run("dotnet", "build", consumer);

        // The same closure check as the core consumer's, seen from the other side: here it does find these libraries.
        var restored = ConsumerProject.RestoredPackages(consumer);
        Assert.Contains("Sdl.Runtime", restored.Keys);
        foreach (var library in DisplayLibraries)
            Assert.True(restored.ContainsKey(library), $"{library} is missing from the Sdl.Reports consumer's closure");
        Assert.Contains("ScottPlot", ConsumerProject.Dependents(restored, "SkiaSharp"));

        var run = PackedPackages.Run("dotnet", "run --no-build", consumer);
        Assert.Contains("Consumer report", run);
        Assert.Contains("Soft CCA", run);
        Assert.Contains("live display: LiveTrainingProgress", run);
        // Three shared factors (noise variance 0.25 on one side): each canonical correlation is 1/√1.25 ≈ 0.89, so the top 3 sum to about 2.7.
        var linear = double.Parse(System.Text.RegularExpressions.Regex.Match(run, @"linear cca top 3: (\d+\.\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(linear, 2.3, 2.95);
        var png = File.ReadAllBytes(Path.Combine(consumer, "spectrum.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a], png[..8]);
        Assert.True(png.Length > 10_000, "a plot with axes, lines and legend is not a blank image");
        Assert.Contains("| Soft CCA | 2.40 |", File.ReadAllText(Path.Combine(consumer, "report.md")));
    }

    [Theory]
    [InlineData("Sdl.Dsl")]
    [InlineData("Sdl.Runtime")]
    [InlineData("Sdl.Reports")]
    [InlineData("Sdl.Export")]
    public void LibraryPackage_CarriesItsReadme_AndHasASymbolPackage(string id)
    {
        using (var package = ZipFile.OpenRead(packages.Package(id)))
        {
            var readme = package.GetEntry("README.md");
            Assert.NotNull(readme);
            using (var text = new StreamReader(readme.Open()))
                Assert.StartsWith($"# {id}", text.ReadToEnd());
            var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var reader = new StreamReader(nuspec.Open());
            Assert.Contains("<readme>README.md</readme>", reader.ReadToEnd());
        }
        using var symbols = ZipFile.OpenRead(packages.SymbolPackage(id));
        Assert.Contains(symbols.Entries, e => e.FullName.EndsWith($"/{id}.pdb", StringComparison.Ordinal));
    }

    [Fact]
    public void DslPackage_CarriesTheGeneratorAsAnAnalyzer()
    {
        using var archive = ZipFile.OpenRead(packages.Package("Sdl.Dsl"));
        Assert.Contains(archive.Entries, e => e.FullName == "analyzers/dotnet/cs/Sdl.Generators.dll");
        Assert.Contains(archive.Entries, e => e.FullName == "analyzers/dotnet/cs/Sdl.Generators.CodeFixes.dll");
    }

    [Fact]
    public void RuntimePackage_DependsOnNoConsoleOrPlotLibrary_AndShipsTheLibstdcxxStep()
    {
        using var archive = ZipFile.OpenRead(packages.Package("Sdl.Runtime"));
        var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        var text = reader.ReadToEnd();
        Assert.Contains("id=\"TorchSharp-cpu\"", text);
        foreach (var library in DisplayLibraries) Assert.DoesNotContain($"id=\"{library}", text);
        Assert.Contains(archive.Entries, e => e.FullName == "buildTransitive/Sdl.Runtime.targets");
    }
}
