using Sdl.Build;

namespace Sdl.Build.Tests;

public class ElfVersionsTests
{
    static readonly HashSet<string> Gcc12Host = new(StringComparer.Ordinal) { "GLIBCXX_3.4", SyntheticElf.OldVersion };

    [Fact]
    public void ReadsEveryVersionNeed_WithFileIndexAndFlags()
    {
        using var elf = new MemoryStream(SyntheticElf.Build());
        var needs = ElfVersions.ReadVersionNeeds(elf);

        Assert.Collection(needs,
            n => { Assert.Equal("libstdc++.so.6", n.File); Assert.Equal(SyntheticElf.OldVersion, n.Name); Assert.Equal(2, n.Index); Assert.False(n.IsWeak); },
            n => { Assert.Equal("libstdc++.so.6", n.File); Assert.Equal(SyntheticElf.NewVersion, n.Name); Assert.Equal(3, n.Index); Assert.False(n.IsWeak); });
    }

    [Fact]
    public void MissingVersionThatNoRelocationUses_IsSafeToWeaken()
    {
        using var elf = new MemoryStream(SyntheticElf.Build(relocatedSymbols: 1));
        var needs = ElfVersions.ReadVersionNeeds(elf);

        var safe = ElfVersions.SafeToWeaken(needs, LibStdCxxCompat.Library, Gcc12Host);

        Assert.Equal(SyntheticElf.NewVersion, Assert.Single(safe).Name);
        Assert.Empty(ElfVersions.Unfixable(needs, LibStdCxxCompat.Library, Gcc12Host));
    }

    [Fact]
    public void MissingVersionThatARelocationUses_IsNeverWeakened()
    {
        using var elf = new MemoryStream(SyntheticElf.Build(relocatedSymbols: [1, 2]));
        var needs = ElfVersions.ReadVersionNeeds(elf);

        Assert.Empty(ElfVersions.SafeToWeaken(needs, LibStdCxxCompat.Library, Gcc12Host));
        Assert.Equal(SyntheticElf.NewVersion, Assert.Single(ElfVersions.Unfixable(needs, LibStdCxxCompat.Library, Gcc12Host)).Name);
    }

    [Fact]
    public void HostThatHasTheVersion_NeedsNoPatch()
    {
        var gcc13Host = new HashSet<string>(Gcc12Host) { SyntheticElf.NewVersion };
        using var elf = new MemoryStream(SyntheticElf.Build(relocatedSymbols: 1));

        Assert.Empty(ElfVersions.SafeToWeaken(ElfVersions.ReadVersionNeeds(elf), LibStdCxxCompat.Library, gcc13Host));
    }

    [Fact]
    public void OtherLibrariesAreLeftAlone()
    {
        using var elf = new MemoryStream(SyntheticElf.Build());
        Assert.Empty(ElfVersions.SafeToWeaken(ElfVersions.ReadVersionNeeds(elf), "libc.so.6", new HashSet<string>()));
    }

    [Fact]
    public void MarkWeak_ChangesExactlyTheFlagsOfThatEntry()
    {
        var original = SyntheticElf.Build(relocatedSymbols: 1);
        using var elf = new MemoryStream(original.ToArray());
        var safe = ElfVersions.SafeToWeaken(ElfVersions.ReadVersionNeeds(elf), LibStdCxxCompat.Library, Gcc12Host);

        ElfVersions.MarkWeak(elf, safe);

        var patched = elf.ToArray();
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Equal(new[] { (int)safe[0].FlagsOffset }, changed);
        Assert.Equal(ElfVersions.VerFlagWeak, patched[changed[0]]);
        elf.Position = 0;
        var reread = ElfVersions.ReadVersionNeeds(elf);
        Assert.False(reread[0].IsWeak);
        Assert.True(reread[1].IsWeak);
    }

    [Fact]
    public void NotAnElf_IsRejectedWithAClearError()
    {
        using var text = new MemoryStream("#!/bin/sh\necho not a library\n"u8.ToArray().Concat(new byte[64]).ToArray());
        var error = Assert.Throws<InvalidDataException>(() => ElfVersions.ReadVersionNeeds(text));
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void TruncatedElf_IsRejectedWithAClearError()
    {
        var bytes = SyntheticElf.Build(relocatedSymbols: 1);
        using var truncated = new MemoryStream(bytes[..(bytes.Length - 100)]);
        var error = Assert.Throws<InvalidDataException>(() => ElfVersions.ReadVersionNeeds(truncated));
        Assert.Contains("outside the file", error.Message);
    }
}
