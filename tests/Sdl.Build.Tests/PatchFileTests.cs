using System.Diagnostics;
using Sdl.Build;

namespace Sdl.Build.Tests;

public sealed class PatchFileTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("sdl-elf-").FullName;
    static readonly HashSet<string> Gcc12Host = new(StringComparer.Ordinal) { SyntheticElf.OldVersion };

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void PatchFile_WeakensTheUnusedMissingVersion()
    {
        string library = Path.Combine(folder, "libexample.so");
        File.WriteAllBytes(library, SyntheticElf.Build(relocatedSymbols: 1));

        var (weakened, unfixable) = LibStdCxxCompat.PatchFile(library, Gcc12Host);

        Assert.Equal(SyntheticElf.NewVersion, Assert.Single(weakened).Name);
        Assert.Empty(unfixable);
        using var patched = File.OpenRead(library);
        Assert.True(ElfVersions.ReadVersionNeeds(patched).Single(n => n.Name == SyntheticElf.NewVersion).IsWeak);
        Assert.Single(Directory.GetFiles(folder)); // no temporary file left behind
    }

    [Fact]
    public void PatchFile_KeepsTheTimestamp_SoIncrementalBuildsDoNotCopyAgain()
    {
        string library = Path.Combine(folder, "libexample.so");
        File.WriteAllBytes(library, SyntheticElf.Build(relocatedSymbols: 1));
        var packageTimestamp = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(library, packageTimestamp);

        var (weakened, _) = LibStdCxxCompat.PatchFile(library, Gcc12Host);

        Assert.NotEmpty(weakened);
        Assert.Equal(packageTimestamp, File.GetLastWriteTimeUtc(library));
    }

    [Fact]
    public void PatchFile_NeverWritesThroughAHardLink()
    {
        // Build outputs may be hard links into the package cache; the cache copy must stay as it was.
        string cacheCopy = Path.Combine(folder, "cache.so"), outputCopy = Path.Combine(folder, "output.so");
        var original = SyntheticElf.Build(relocatedSymbols: 1);
        File.WriteAllBytes(cacheCopy, original);
        using (var ln = Process.Start("ln", [cacheCopy, outputCopy])) ln.WaitForExit();
        Assert.True(File.Exists(outputCopy));

        LibStdCxxCompat.PatchFile(outputCopy, Gcc12Host);

        Assert.Equal(original, File.ReadAllBytes(cacheCopy));
        Assert.NotEqual(original, File.ReadAllBytes(outputCopy));
    }

    [Fact]
    public void PatchFile_LeavesACompatibleLibraryUntouched()
    {
        string library = Path.Combine(folder, "libexample.so");
        var original = SyntheticElf.Build(relocatedSymbols: 1);
        File.WriteAllBytes(library, original);
        var timestamp = File.GetLastWriteTimeUtc(library);

        var (weakened, _) = LibStdCxxCompat.PatchFile(library, new HashSet<string> { SyntheticElf.OldVersion, SyntheticElf.NewVersion });

        Assert.Empty(weakened);
        Assert.Equal(original, File.ReadAllBytes(library));
        Assert.Equal(timestamp, File.GetLastWriteTimeUtc(library));
    }
}
