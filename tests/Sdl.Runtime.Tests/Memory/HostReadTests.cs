using Sdl.Runtime.Tests.Objectives;
using Sdl.Dsl;
using Sdl.Runtime.Interop;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Memory;

/// <summary>
/// A training step must not copy values to the host unless the trainer asks for them (its NaN guard
/// and progress display read the loss terms through <see cref="LossBreakdown.ToValues"/>): on a GPU
/// every such read waits for the stream. Two seams: the runtime reads to the host only through
/// <see cref="HeldScalars.Read"/>, which counts; and on the "meta" device (shapes without data) any
/// read at all (<c>item</c>, <c>ToDouble</c>, data pointers) throws, so a step that completes there
/// reads nothing, whoever wrote the read.
/// </summary>
public class HostReadTests
{
    public enum Kind { SoftCcaSquaredSdl, SoftCcaL1Sdl, SoftCcaAutogradSdl, SoftCcaDeCov, Dcca, DccaEy, Fae }

    const int M = 24, Inputs = 10, K = 6;

    [Theory]
    [InlineData(Kind.SoftCcaSquaredSdl)]
    [InlineData(Kind.SoftCcaL1Sdl)]
    [InlineData(Kind.SoftCcaAutogradSdl)]
    [InlineData(Kind.SoftCcaDeCov)]
    [InlineData(Kind.Dcca)]
    [InlineData(Kind.DccaEy)]
    [InlineData(Kind.Fae)]
    public void TrainingStep_ReadsNothingToTheHost_UntilTheTrainerAsksForTheLoss(Kind objective)
    {
        manual_seed(140);
        var step = new Step(objective, CPU);
        using (NewDisposeScope()) step.Run(); // the first step allocates history buffers and optimiser state

        long before = HeldScalars.HostReadsOnThisThread;
        using (NewDisposeScope())
        {
            var loss = step.Run();
            Assert.Equal(before, HeldScalars.HostReadsOnThisThread);

            // What the trainer asks for is counted: the total and every term, one read each.
            var values = loss.ToValues();
            Assert.Equal(before + values.Count, HeldScalars.HostReadsOnThisThread);
            Assert.All(values.Values, value => Assert.True(double.IsFinite(value)));
        }
    }

    /// <summary>
    /// SDL's hand-derived step off the CPU (the path a GPU takes): its history (Σ_accu and c) stays on
    /// the device through training steps. DCCA-EY likewise. (libtorch has no meta kernel for batch
    /// normalisation or eigendecompositions, so Soft CCA's distance, FAE and DCCA are covered by the
    /// counting test above only.)
    /// </summary>
    [Theory]
    [InlineData(SdlNorm.Squared)]
    [InlineData(SdlNorm.L1)]
    public void SdlStep_CompletesOnTheMetaDevice_WhereAnyHostReadWouldThrow(SdlNorm norm)
    {
        var meta = device("meta");
        using var probe = zeros(1, device: meta);
        Assert.ThrowsAny<Exception>(() => probe.item<float>()); // the premise: a read from meta fails

        var encoder = nn.Linear(Inputs, K);
        encoder.to(meta);
        var sdl = new StochasticDecorrelationLoss(K, 0.5, norm: norm);
        sdl.to(meta);
        var optimiser = optim.Adam(encoder.parameters(), lr: 1e-2);
        var input = randn([M, Inputs], device: meta);
        for (int step = 0; step < 2; step++)
            using (NewDisposeScope())
            {
                var loss = sdl.call(encoder.call(input));
                optimiser.zero_grad();
                loss.backward();
                optimiser.step();
                Assert.Equal(DeviceType.META, loss.device_type);
            }
        Assert.Equal(DeviceType.META, sdl.AccumulatedCount.device_type);
    }

    [Fact]
    public void DccaEyStep_CompletesOnTheMetaDevice()
    {
        var step = new Step(Kind.DccaEy, device("meta"));
        for (int i = 0; i < 2; i++)
            using (NewDisposeScope()) Assert.Equal(DeviceType.META, step.Run().Total.device_type);
    }

    /// <summary>Two linear encoders, one objective, Adam: forward, loss, backward, optimiser step.</summary>
    private sealed class Step
    {
        readonly Kind objective;
        readonly nn.Module<Tensor, Tensor>[] encoders;
        readonly nn.Module<Tensor, Tensor>[] decoders;
        readonly optim.Optimizer optimiser;
        readonly Tensor[] inputs;
        readonly Func<Tensor[], Tensor[], LossBreakdown> loss;

        public Step(Kind objective, Device device)
        {
            this.objective = objective;
            encoders = [nn.Linear(Inputs, K), nn.Linear(Inputs, K)];
            decoders = [nn.Linear(K, Inputs), nn.Linear(K, Inputs)];
            foreach (var module in encoders.Concat(decoders)) module.to(device);
            inputs = [randn([M, Inputs]).to(device), randn([M, Inputs]).to(device)];
            loss = CreateLoss(objective, device);
            optimiser = optim.Adam(encoders.Concat(decoders).SelectMany(e => e.parameters()), lr: 1e-2);
        }

        static Func<Tensor[], Tensor[], LossBreakdown> CreateLoss(Kind objective, Device device)
        {
            static LossBreakdown Single(string name, Tensor value) => LossBreakdown.Sum([(name, value, 1.0)]);
            switch (objective)
            {
                case Kind.SoftCcaSquaredSdl:
                case Kind.SoftCcaL1Sdl:
                case Kind.SoftCcaDeCov:
                    var softCca = ObjectiveFixtures.SoftCca([K, K], lambda: 0.1,
                        objective == Kind.SoftCcaDeCov ? DecorrelationMethod.DeCov : DecorrelationMethod.Sdl,
                        norm: objective == Kind.SoftCcaL1Sdl ? SdlNorm.L1 : SdlNorm.Squared);
                    softCca.to(device);
                    return (z, _) => softCca.Call(z);
                case Kind.SoftCcaAutogradSdl:
                    var distance = new SoftCcaDistance();
                    var sdl = new[] { new StochasticDecorrelationLoss(K) { Gradient = SdlGradient.Autograd }, new StochasticDecorrelationLoss(K) { Gradient = SdlGradient.Autograd } };
                    foreach (var module in sdl) module.to(device);
                    return (z, _) => LossBreakdown.Sum([("distance", distance.call(z), 1.0), ("sdl(0)", sdl[0].call(z[0]), 0.1), ("sdl(1)", sdl[1].call(z[1]), 0.1)]);
                case Kind.Dcca:
                    var dcca = new DccaLoss(topK: 4);
                    return (z, _) => Single("dcca", dcca.call(z[0], z[1]));
                case Kind.DccaEy:
                    var ey = new DccaEyLoss();
                    return (z, _) => Single("dcca-ey", ey.call(z));
                case Kind.Fae:
                    var fae = ObjectiveFixtures.Fae(shared: 2, privateSizes: [K - 2, K - 2], beta: 1, lambda: 0.1);
                    fae.to(device);
                    return (z, x) => fae.call(ObjectiveFixtures.FaeOutput(fae.Model, 2, z, x), x, null);
                default:
                    throw new ArgumentOutOfRangeException(nameof(objective));
            }
        }

        public LossBreakdown Run()
        {
            var z = encoders.Zip(inputs, (e, x) => e.call(x)).ToArray();
            var reconstructions = objective == Kind.Fae ? decoders.Zip(z, (d, h) => d.call(h)).ToArray() : z;
            var breakdown = loss(z, reconstructions);
            optimiser.zero_grad();
            breakdown.Total.backward();
            optimiser.step();
            return breakdown;
        }
    }
}
