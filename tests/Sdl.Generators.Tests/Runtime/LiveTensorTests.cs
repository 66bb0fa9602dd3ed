using Sdl.Generators.Tests.Infrastructure;
using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Generators.Tests.Runtime;

/// <summary>
/// A generated model holds no tensor between steps (taps live in the step's dispose scope; hook captures are handed
/// over and forgotten), so with one dispose scope per step the live tensor count stays flat and the loss falls.
/// </summary>
public class LiveTensorTests
{
    [Theory]
    [InlineData(nameof(TestModels.CustomEncoder), "Demo.Custom.Mixed")]
    [InlineData(nameof(TestModels.Fae), "Demo.Factorised")]
    [InlineData(nameof(TestModels.AllLayerKinds), "Demo.Vision.ConvHalves")]
    public void TrainingSteps_DoNotGrowTheLiveTensorCount(string sourceName, string typeName)
    {
        var source = (string)typeof(TestModels).GetField(sourceName)!.GetValue(null)!;
        manual_seed(9);
        var assembly = CompiledModels.Load(GeneratorHarness.Run(source).AssertCompilesCleanly().OutputCompilation);
        using var model = CompiledModels.Create(assembly, typeName);
        var optimizer = optim.Adam(model.parameters(), lr: 1e-2);
        var generator = new Generator(17);
        var inputs = model.Info.Views.Select(v => randn([64, v.InputSize], generator: generator)).ToArray();

        const int steps = 12, warmUp = 3;
        long afterWarmUp = 0;
        double first = double.NaN, last = double.NaN;
        for (int step = 0; step < steps; step++)
        {
            using (NewDisposeScope())
            {
                optimizer.zero_grad();
                var loss = model.ComputeLoss(model.forward(inputs), inputs).Total;
                loss.backward();
                optimizer.step();
                last = loss.ToDouble();
                if (step == 0) first = last;
            }
            if (step == warmUp - 1) afterWarmUp = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }

        Assert.Equal(afterWarmUp, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(last < first, $"training should make progress ({first} -> {last})");
    }
}
