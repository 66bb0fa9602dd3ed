using System.Runtime;

namespace Sdl.Runtime.Interop;

/// <summary>
/// Runs TorchSharp code that we cannot change and that makes implicit Scalars (its optimisers' steps:
/// Adam's <c>exp_avg.mul_(beta1)</c> and the like) with garbage collection held off. A collection in
/// the middle of such a call can finalise a Scalar whose handle libtorch is still reading, which shows
/// as random "Unknown scalar type" or "Expected false to be true" failures (see <see cref="HeldScalars"/>
/// for the same hazard in our own code, where the Scalars are simply kept alive).
/// </summary>
/// <remarks>
/// <para>A no-GC region lets the process allocate up to <see cref="Budget"/> bytes without a collection.
/// Starting one is a <b>full blocking collection</b> (GC.CollectionCount(2) rises by one), which cost
/// the trainer 5 to 13 % of an epoch of the main job's DCCA when every optimiser step started its own
/// region (`trainer` benchmark). Inside a <see cref="Session"/> the region therefore stays open between
/// calls and is renewed only when less than <see cref="Headroom"/> of its budget is left: one full
/// collection per ~12 MiB allocated instead of one per step. Outside a session each call opens and
/// closes its own region.</para>
/// <para>If other threads allocate more than the budget during a call, the runtime collects anyway and
/// the region simply ends, so this lowers the hazard to that case rather than removing it. Regions are
/// process-wide and do not nest: concurrent callers take turns, and a region some other component
/// started is used as it is, never ended here.</para>
/// <para>Public for training loops of one's own (the experiments program's time-sliced runs): wrap each
/// optimiser step in <see cref="Run"/> and the steps of a stretch of training in a <see cref="Session"/>.</para>
/// </remarks>
public static class CollectionPause
{
    /// <summary>Bytes the process may allocate inside one region before it is renewed.</summary>
    public const long Budget = 16L << 20;

    /// <summary>Renew the region before a call when less than this is left: far more than one optimiser step allocates.</summary>
    public const long Headroom = 4L << 20;

    private static readonly object Gate = new();
    private static bool ownsRegion;
    private static long regionStart;
    private static int sessions;

    /// <summary>Keeps the region of <see cref="Run"/> open between calls until the returned handle (and every other session) is disposed.</summary>
    public static IDisposable Session()
    {
        lock (Gate) sessions++;
        return new SessionHandle();
    }

    /// <summary>Runs <paramref name="action"/> (an optimiser step) with garbage collection held off.</summary>
    public static void Run(Action action)
    {
        lock (Gate)
        {
            Renew();
            try
            {
                action();
            }
            finally
            {
                if (sessions == 0) End();
            }
        }
    }

    private static void Renew()
    {
        bool active = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
        if (!active) ownsRegion = false; // ours ended (budget spent or an explicit collection), or there was none
        if (active && !ownsRegion) return;
        if (active && GC.GetTotalAllocatedBytes() - regionStart <= Budget - Headroom) return;
        End();
        ownsRegion = GC.TryStartNoGCRegion(Budget);
        regionStart = GC.GetTotalAllocatedBytes();
    }

    private static void End()
    {
        // The region is over already if the budget ran out or someone collected explicitly.
        if (ownsRegion && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try { GC.EndNoGCRegion(); }
            catch (InvalidOperationException) { } // ended by a collection between the check and the call
        }
        ownsRegion = false;
    }

    private sealed class SessionHandle : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            lock (Gate)
            {
                if (disposed) return;
                disposed = true;
                if (--sessions == 0) End();
            }
        }
    }
}
