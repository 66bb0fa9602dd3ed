using System.Runtime;

namespace Sdl.Examples.Experiments.Scale;

/// <summary>
/// Holds garbage collection off around TorchSharp's optimiser steps, as the library's trainer does
/// (its CollectionPause is internal): a collection in the middle of Adam's step can finalise an
/// implicit Scalar libtorch is still reading. One no-GC region spans many steps and is renewed only
/// when most of its budget is used, so the cost (one full collection per renewal) stays small and
/// falls on every method alike per byte allocated.
/// </summary>
static class StepPause
{
    const long Budget = 16L << 20, Renew = 12L << 20;
    static bool open;
    static long start;

    public static void Run(Action step)
    {
        if (!open || GC.GetTotalAllocatedBytes() - start > Renew)
        {
            End();
            open = GC.TryStartNoGCRegion(Budget);
            start = GC.GetTotalAllocatedBytes();
        }
        step();
    }

    /// <summary>Ends the region (before validation, which allocates freely).</summary>
    public static void End()
    {
        if (open && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        open = false;
    }
}
