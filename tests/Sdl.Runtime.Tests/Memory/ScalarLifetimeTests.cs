using Sdl.Runtime.Tests.Objectives;
using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Memory;

/// <summary>
/// TorchSharp hands a Scalar's native handle to libtorch without keeping the Scalar alive, so a
/// Scalar made implicitly from a number can be finalised by a garbage collection on another thread
/// while libtorch still reads it ("Unknown scalar type", "Expected false to be true"; seen twice
/// inside SDL's forward in long experiment runs). Here a second thread forces collections without
/// pause while the losses run forward and backward: before the losses held their scalars, the SDL
/// case failed within a few hundred steps on every run. The class runs alone: its collections also
/// finalise the implicit Scalars of whatever other test runs beside it (TorchSharp's own, in an
/// optimiser step, say), which crashed the test host now and then (about 1 run in 8 on 2 cores,
/// always while these tests ran).
/// </summary>
[Collection(GarbageCollectionCollection.Name)]
public class ScalarLifetimeTests
{
    const int Steps = 500;

    [Theory]
    [InlineData(SdlGradient.HandDerived)]
    [InlineData(SdlGradient.Autograd)]
    public void Sdl_SurvivesConcurrentGarbageCollection(SdlGradient gradient)
    {
        using var sdl = new StochasticDecorrelationLoss(8, alpha: 0.9) { Gradient = gradient };
        sdl.train();
        UnderConstantCollection(() =>
        {
            var activations = randn(16, 8).requires_grad_(true);
            return (sdl.call(activations), [activations]);
        });
    }

    [Fact]
    public void SoftCcaWithSdlAndDeCov_SurviveConcurrentGarbageCollection()
    {
        using var sdl = ObjectiveFixtures.SoftCca([6, 6], lambda: 0.1, DecorrelationMethod.Sdl);
        using var deCov = ObjectiveFixtures.SoftCca([6, 6], lambda: 0.1, DecorrelationMethod.DeCov);
        sdl.train();
        UnderConstantCollection(() =>
        {
            var views = new[] { randn(16, 6).requires_grad_(true), randn(16, 6).requires_grad_(true) };
            var breakdown = sdl.Call(views);
            Assert.True(breakdown.ToValues().Values.All(double.IsFinite));
            return (stack([breakdown.Total, deCov.Call(views).Total]).sum(), views);
        });
    }

    [Fact]
    public void Dcca_SurvivesConcurrentGarbageCollection()
    {
        using var dcca = new DccaLoss(topK: 4);
        using var one = 1.0.ToScalar(); // held: the test's own inputs must not race either
        UnderConstantCollection(() =>
        {
            var left = randn(32, 4).requires_grad_(true);
            var right = left.detach().clone().addcmul_(randn(32, 4), full(32, 4, 0.5f), one).requires_grad_(true);
            return (dcca.call(left, right), [left, right]);
        });
    }

    /// <summary>Runs <paramref name="step"/> <see cref="Steps"/> times, each with a backward pass, while another thread collects.</summary>
    static void UnderConstantCollection(Func<(Tensor Loss, Tensor[] Inputs)> step)
    {
        random.manual_seed(5);
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true };
        collector.Start();
        try
        {
            for (int i = 0; i < Steps; i++)
            {
                using var scope = NewDisposeScope();
                var (loss, inputs) = step();
                loss.backward();
                Assert.True(double.IsFinite(loss.item<float>()));
                foreach (var input in inputs) Assert.True(input.grad!.isfinite().all().item<bool>());
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
