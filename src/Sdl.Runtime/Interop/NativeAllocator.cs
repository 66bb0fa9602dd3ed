using System.Runtime.InteropServices;

namespace Sdl.Runtime.Interop;

/// <summary>
/// glibc malloc's two thresholds for the process. libtorch's CPU tensors come from malloc. By default
/// glibc serves a block above a dynamic threshold (128 KiB at first) with fresh <c>mmap</c> pages, and it
/// gives freed memory at the top of its heap back to the system once more than twice that threshold is
/// free. A training step that frees megabytes of activations and gradients and asks for them again at
/// the next step then page-faults them in anew, step after step.
/// </summary>
/// <remarks>
/// Measured (`step-scaling`'s child process, one thread, Zen 5; docs/benchmarks.md, The native
/// allocator): a Soft CCA step with m = 1024 and encoders 392 → 1024 → 50 took 91 to 105 ms with glibc's
/// defaults and 57 to 65 ms with the thresholds pinned; at k = 512, 199 to 283 against 166 to 188 ms;
/// exact DCCA at k = 512, 463 to 735 against 440 to 509 ms. At m ≤ 512 the defaults cost nothing
/// measurable. Setting only the trim threshold is worse than neither
/// (207 ms): glibc then stops raising its mmap threshold, so every block above 128 KiB is a fresh map.
/// <see cref="Training.Trainer"/> pins both when it starts unless <see cref="Training.TrainerOptions.TuneNativeAllocator"/>
/// is false; a program with its own loop can call <see cref="PinThresholds"/>. Elsewhere than Linux
/// with glibc this does nothing.
/// </remarks>
public static class NativeAllocator
{
    /// <summary>Blocks below this are served from the heap, not from fresh maps (the trainer's setting).</summary>
    public const int TrainingMmapThreshold = 32 << 20;

    /// <summary>Freed memory kept in the heap before any is returned to the system (the trainer's setting; the largest part of resident memory this can keep).</summary>
    public const int TrainingTrimThreshold = 64 << 20;

    private const int TrimThresholdParameter = -1, MmapThresholdParameter = -3; // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD (malloc.h)
    private static readonly object Gate = new();

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    /// <summary>What is in effect, in words (for logs and benchmark reports).</summary>
    public static string Description { get; private set; } = "glibc malloc defaults";

    /// <summary>True once this process's thresholds were pinned through this class.</summary>
    public static bool IsPinned { get; private set; }

    /// <summary>
    /// Serves blocks below <paramref name="mmapThresholdBytes"/> from the heap and keeps up to
    /// <paramref name="trimThresholdBytes"/> of freed memory there. Process-wide and for the rest of
    /// the process. Returns false where the C library is not glibc (nothing changes then).
    /// </summary>
    public static bool PinThresholds(int mmapThresholdBytes, int trimThresholdBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mmapThresholdBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(trimThresholdBytes);
        lock (Gate)
        {
            if (!OperatingSystem.IsLinux()) { Description = "platform malloc defaults"; return false; }
            try
            {
                // Both together: either one alone switches off glibc's dynamic mmap threshold.
                bool pinned = Mallopt(MmapThresholdParameter, mmapThresholdBytes) == 1 && Mallopt(TrimThresholdParameter, trimThresholdBytes) == 1;
                Description = pinned
                    ? $"glibc malloc thresholds pinned (trim {trimThresholdBytes >> 20} MiB, mmap {mmapThresholdBytes >> 20} MiB)"
                    : "glibc malloc defaults (mallopt refused)";
                IsPinned |= pinned;
                return pinned;
            }
            catch (EntryPointNotFoundException) { Description = "malloc defaults (not glibc)"; }
            catch (DllNotFoundException) { Description = "malloc defaults (no libc found)"; }
            return false;
        }
    }

    /// <summary>The trainer's setting, unless the thresholds were pinned already (a program's own choice stands).</summary>
    internal static void PinForTraining()
    {
        lock (Gate)
            if (!IsPinned) PinThresholds(TrainingMmapThreshold, TrainingTrimThreshold);
    }
}
