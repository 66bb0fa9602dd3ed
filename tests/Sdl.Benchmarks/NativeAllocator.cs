using System.Runtime.InteropServices;

namespace Sdl.Benchmarks;

/// <summary>
/// glibc malloc's thresholds for the process. libtorch's CPU tensors come from malloc; by default glibc
/// serves blocks above a dynamic threshold with fresh mmap pages and trims freed memory at the heap top
/// back to the OS, so a 512 KiB tensor (512×256 float32) is now and then page-faulted in again. Which
/// call pays depends on the order of frees, not on the call: in sdl-parts the L1 SDL at k = 256 flipped
/// between 2.0 and 3.4 GEMMs from one second to the next while the squared form stayed at 2.0 (the same
/// run with the thresholds pinned: 2.0 to 2.1 for both, every time). Pinning them (as a caching
/// allocator would) measures the computation, not the allocator's mood; `--malloc default` leaves
/// glibc's behaviour, and the report header says which was in effect.
/// </summary>
internal static class NativeAllocator
{
    private const int TrimThreshold = -1, MmapThreshold = -3; // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD (malloc.h)

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    /// <summary>What the header reports.</summary>
    public static string Description { get; private set; } = "glibc malloc defaults";

    /// <summary>Keeps up to 256 MiB of freed memory in the heap and serves blocks below 64 MiB from it.</summary>
    public static void PinThresholds()
    {
        if (!OperatingSystem.IsLinux()) { Description = "platform malloc defaults"; return; }
        try
        {
            bool pinned = Mallopt(TrimThreshold, 256 << 20) == 1 && Mallopt(MmapThreshold, 64 << 20) == 1;
            Description = pinned ? "glibc malloc thresholds pinned (trim 256 MiB, mmap 64 MiB)" : "glibc malloc defaults (mallopt refused)";
        }
        catch (EntryPointNotFoundException) { Description = "malloc defaults (not glibc)"; }
        catch (DllNotFoundException) { Description = "malloc defaults (no libc found)"; }
    }
}
