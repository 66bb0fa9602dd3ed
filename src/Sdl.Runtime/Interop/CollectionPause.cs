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
/// A no-GC region lets the process allocate up to <see cref="Budget"/> bytes without a collection.
/// Starting one collects the garbage already there (a gen-0 collection, well under a millisecond per step);
/// if other threads allocate more than the budget during the call, the runtime collects anyway and the
/// region simply ends, so this lowers the hazard to that case rather than removing it. Regions do not
/// nest, so concurrent callers take turns.
/// </remarks>
internal static class CollectionPause
{
    public const long Budget = 16L << 20;

    private static readonly object Gate = new();

    public static void Run(Action action)
    {
        lock (Gate)
        {
            bool paused = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(Budget);
            try
            {
                action();
            }
            finally
            {
                // The region is over already if the budget ran out or someone collected explicitly.
                if (paused && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            }
        }
    }
}
