using Sdl.Runtime.Tests.Objectives;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Memory;

/// <summary>
/// One dispose scope per training step must release every tensor the step creates, including
/// those made by the custom backward functions (SDL, DCCA) that the autograd engine calls back into.
/// </summary>
public class LiveTensorCountTests
{
    public enum Objective { SoftCcaHandDerivedSdl, SoftCcaAutogradSdl, Dcca }

    [Theory]
    [InlineData(Objective.SoftCcaHandDerivedSdl)]
    [InlineData(Objective.SoftCcaAutogradSdl)]
    [InlineData(Objective.Dcca)]
    public void LiveTensorCount_DoesNotGrowOver100TrainingSteps(Objective objective)
    {
        const int m = 32, inputs = 10, k = 6, steps = 100, warmUp = 3;
        manual_seed(120);
        var encoders = new[] { nn.Linear(inputs, k), nn.Linear(inputs, k) };
        var softCca = ObjectiveFixtures.SoftCca([k, k], lambda: 0.1);
        var distance = new SoftCcaDistance();
        var autogradSdl = new[] { new StochasticDecorrelationLoss(k) { Gradient = SdlGradient.Autograd }, new StochasticDecorrelationLoss(k) { Gradient = SdlGradient.Autograd } };
        var dcca = new DccaLoss(topK: 4);
        Tensor Loss(Tensor[] z) => objective switch
        {
            Objective.SoftCcaHandDerivedSdl => softCca.Call(z).Total,
            Objective.SoftCcaAutogradSdl => distance.call(z) + 0.1 * (autogradSdl[0].call(z[0]) + autogradSdl[1].call(z[1])),
            _ => dcca.call(z[0], z[1]),
        };
        var optimiser = optim.Adam(encoders.SelectMany(e => e.parameters()), lr: 1e-2);
        var generator = new Generator(121);
        var data = new[] { randn([m, inputs], generator: generator), randn([m, inputs], generator: generator) };

        long afterWarmUp = 0;
        double firstLoss = double.NaN, lastLoss = double.NaN;
        for (int step = 0; step < steps; step++)
        {
            using (NewDisposeScope())
            {
                var embeddings = encoders.Zip(data, (encoder, x) => encoder.call(x)).ToArray();
                var loss = Loss(embeddings);
                optimiser.zero_grad();
                loss.backward();
                optimiser.step();
                lastLoss = loss.item<float>();
                if (step == 0) firstLoss = lastLoss;
            }
            if (step == warmUp - 1) afterWarmUp = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }

        Assert.Equal(afterWarmUp, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(lastLoss < firstLoss, $"training should make progress ({firstLoss} -> {lastLoss})");
    }

}
