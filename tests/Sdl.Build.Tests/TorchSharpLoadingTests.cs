using System.Runtime.InteropServices;
using Sdl.Build;
using static TorchSharp.torch;

namespace Sdl.Build.Tests;

/// <summary>The real thing: TorchSharp's native library as the build left it in this test's output.</summary>
public class TorchSharpLoadingTests
{
    const string Native = "libLibTorchSharp.so";
    static string OutputCopy => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", Native);

    static HashSet<string> HostVersions()
    {
        string host = LibStdCxxCompat.FindHostLibrary(null) ?? throw new InvalidOperationException("no libstdc++.so.6 on this host");
        using var stream = File.OpenRead(host);
        return ElfVersions.ReadDefinedVersions(stream);
    }

    static string PackageCacheCopy()
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", Native);
    }

    [Fact]
    public void HostVersions_AreReadFromTheRealLibStdCxx()
    {
        var versions = HostVersions();
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
    }

    [Fact]
    public void OutputCopy_NeedsNoVersionTheHostLacks_ExceptWeakOnes()
    {
        Assert.True(File.Exists(OutputCopy), $"expected {OutputCopy}");
        var host = HostVersions();
        using var stream = File.OpenRead(OutputCopy);
        var strict = ElfVersions.ReadVersionNeeds(stream)
            .Where(n => n.File == LibStdCxxCompat.Library && !host.Contains(n.Name) && !n.IsWeak)
            .Select(n => n.Name);
        Assert.Empty(strict);
    }

    [Fact]
    public void PackageCacheCopy_IsNeverModified()
    {
        string cached = PackageCacheCopy();
        Assert.True(File.Exists(cached), $"expected the restored package at {cached}");
        using var stream = File.OpenRead(cached);
        Assert.DoesNotContain(ElfVersions.ReadVersionNeeds(stream, resolveRelocationUse: false), n => n.IsWeak);
    }

    [Fact]
    public void UnpatchedLibrary_FailsToLoadWhereTheHostLacksTheVersion_AndThePatchedOneComputes()
    {
        var host = HostVersions();
        using (var stream = File.OpenRead(PackageCacheCopy()))
        {
            var missing = ElfVersions.ReadVersionNeeds(stream, resolveRelocationUse: false)
                .Where(n => n.File == LibStdCxxCompat.Library && !host.Contains(n.Name)).ToList();
            if (missing.Count > 0)
            {
                // Without the build step the loader refuses the library and names the version. The
                // unpatched copy sits beside the output's libtorch so that only the version can fail.
                string unpatched = Path.Combine(Path.GetDirectoryName(OutputCopy)!, $"libLibTorchSharp-unpatched-{Guid.NewGuid():N}.so");
                File.Copy(PackageCacheCopy(), unpatched);
                try
                {
                    var error = Assert.ThrowsAny<Exception>(() => NativeLibrary.Load(unpatched));
                    Assert.Contains(missing[0].Name, error.Message);
                }
                finally { File.Delete(unpatched); }
            }
        }

        using var a = tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        using var product = a.matmul(a);
        Assert.Equal(new double[] { 7, 10, 15, 22 }, product.data<double>().ToArray());
    }
}
