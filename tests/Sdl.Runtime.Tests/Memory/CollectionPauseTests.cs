using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Memory;

/// <summary>
/// TorchSharp's optimisers make implicit Scalars that a collection could free while libtorch reads
/// them; the trainer runs their steps inside <see cref="CollectionPause"/>, where no collection happens
/// while the process allocates less than the budget.
/// </summary>
[Collection(GarbageCollectionCollection.Name)]
public class CollectionPauseTests
{
    [Fact]
    public void InsideThePause_AnotherThreadsAllocations_TriggerNoCollection()
    {
        long allocated = 0;
        int collectionsDuring = -1;
        CollectionPause.Run(() =>
        {
            int before = GC.CollectionCount(0);
            var worker = new Thread(() =>
            {
                // 4 MiB of short-lived garbage: several gen-0 budgets' worth on a default heap.
                for (int i = 0; i < 4096; i++) { _ = new byte[1024]; Interlocked.Add(ref allocated, 1024); }
            });
            worker.Start();
            worker.Join();
            collectionsDuring = GC.CollectionCount(0) - before;
        });
        Assert.Equal(4L << 20, allocated);
        Assert.Equal(0, collectionsDuring);
    }

    [Fact]
    public void ConcurrentCallers_TakeTurns_AndExplicitCollectionsEndThePauseWithoutError()
    {
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            try
            {
                for (int i = 0; i < 25; i++) CollectionPause.Run(() => { if (i % 5 == 0) GC.Collect(); _ = new byte[4096]; });
            }
            catch (Exception e) { lock (failures) failures.Add(e); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
        Assert.NotEqual(System.Runtime.GCLatencyMode.NoGCRegion, System.Runtime.GCSettings.LatencyMode);
    }

    [Fact]
    public void InsideASession_TheRegionStaysOpenBetweenCalls_AndEndsWithTheSession()
    {
        // Starting a region is a full blocking collection; a session must not pay one per call.
        int fullBefore;
        using (CollectionPause.Session())
        {
            CollectionPause.Run(() => { });
            fullBefore = GC.CollectionCount(2);
            for (int call = 0; call < 20; call++) CollectionPause.Run(() => _ = new byte[4096]);
            Assert.Equal(fullBefore, GC.CollectionCount(2));
            Assert.Equal(System.Runtime.GCLatencyMode.NoGCRegion, System.Runtime.GCSettings.LatencyMode);
        }
        Assert.NotEqual(System.Runtime.GCLatencyMode.NoGCRegion, System.Runtime.GCSettings.LatencyMode);
    }

    [Fact]
    public void InsideASession_TheRegionIsRenewedBeforeItsBudgetRunsOut()
    {
        using (CollectionPause.Session())
        {
            // Allocate more than the budget across calls, each call well below it: every call must still
            // start inside an open region (renewed in time), none inside a collection's aftermath.
            for (int call = 0; call < 12; call++)
                CollectionPause.Run(() =>
                {
                    Assert.Equal(System.Runtime.GCLatencyMode.NoGCRegion, System.Runtime.GCSettings.LatencyMode);
                    _ = new byte[3 << 20];
                });
        }
        Assert.NotEqual(System.Runtime.GCLatencyMode.NoGCRegion, System.Runtime.GCSettings.LatencyMode);
    }

    [Fact]
    public void AdamSteps_InsideThePause_WhileAnotherThreadAllocates_StayCorrect()
    {
        // The same updates with and without the allocating thread: the pause changes nothing numerically.
        static float[] Train(bool allocate)
        {
            // A private generator: tests on other threads draw from the global one.
            var generator = new Generator(3);
            using var layer = nn.Linear(16, 16);
            using (no_grad())
            {
                layer.weight!.copy_(randn(16, 16, generator: generator));
                layer.bias!.copy_(randn(16, generator: generator));
            }
            var optimizer = optim.Adam(layer.parameters(), 1e-2);
            using var stop = new CancellationTokenSource();
            var noise = new Thread(() => { while (!stop.IsCancellationRequested) _ = new byte[512]; }) { IsBackground = true };
            if (allocate) noise.Start();
            try
            {
                for (int step = 0; step < 300; step++)
                {
                    using var scope = NewDisposeScope();
                    optimizer.zero_grad();
                    layer.call(randn(8, 16, generator: generator)).square().mean().backward();
                    CollectionPause.Run(() => optimizer.step());
                }
            }
            finally { stop.Cancel(); }
            return layer.weight!.data<float>().ToArray();
        }
        Assert.Equal(Train(allocate: false), Train(allocate: true));
    }
}
