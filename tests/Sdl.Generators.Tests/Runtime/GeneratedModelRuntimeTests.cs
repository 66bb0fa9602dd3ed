using Sdl.Generators.Tests.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Generators.Tests.Runtime;

/// <summary>The generated example model, compiled and run with real TorchSharp.</summary>
public class GeneratedModelRuntimeTests
{
    private static readonly Lazy<System.Reflection.Assembly> Example = new(() => CompiledModels.Load(
        GeneratorHarness.Run(
            RepositoryFiles.Read("examples/SyntheticTwoView/TwoViewModel.cs"),
            RepositoryFiles.Read("examples/SyntheticTwoView/SyntheticData.cs")).AssertCompilesCleanly().OutputCompilation));

    [Fact]
    public void StateDictKeys_ArePinned()
    {
        // Renaming any of these breaks users' checkpoints: change them only on purpose.
        using var model = CompiledModels.Create(Example.Value, "SyntheticTwoView.TwoViewModel");
        Assert.Equal(
            [
                "Left.fc1.weight", "Left.fc1.bias", "Left.embed.weight", "Left.embed.bias",
                "Right.fc1.weight", "Right.fc1.bias", "Right.embed.weight", "Right.embed.bias",
                "sdl_Left_embed.sigma_accu", "sdl_Left_embed.count",
                "sdl_Right_embed.sigma_accu", "sdl_Right_embed.count",
            ],
            model.state_dict().Keys.ToArray());
    }

    [Fact]
    public void Forward_ReturnsEmbeddingsAndTaps_AndLossBackpropagates()
    {
        manual_seed(3);
        using var model = CompiledModels.Create(Example.Value, "SyntheticTwoView.TwoViewModel");
        using var scope = NewDisposeScope();
        var inputs = new[] { randn(32, 20), randn(32, 30) };
        var output = model.forward(inputs);

        Assert.Equal([32L, 4], output.Embeddings[0].shape);
        Assert.Equal([32L, 4], output.Embeddings[1].shape);
        Assert.Equal(["Left.embed", "Right.embed"], output.Taps.Keys.Order().ToArray());
        // The tap of the last layer is the embedding itself, captured in the forward without a copy.
        Assert.Same(output.Embeddings[0], output.Taps["Left.embed"]);

        var loss = model.ComputeLoss(output, inputs);
        Assert.Equal(["distance", "sdl(Left.embed)", "sdl(Right.embed)"], loss.Terms.Select(t => t.Key).ToArray());
        double sum = loss.Terms.Sum(t => t.Value.ToDouble());
        Assert.Equal(sum, loss.Total.ToDouble(), 5);
        loss.Total.backward();
        Assert.All(model.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().ToDouble() > 0));
    }

    [Fact]
    public void Info_DescribesTheDeclaration()
    {
        using var model = CompiledModels.Create(Example.Value, "SyntheticTwoView.TwoViewModel");
        Assert.Equal(Sdl.Runtime.Models.ObjectiveKind.SoftCca, model.Info.Objective);
        Assert.Equal(["Left", "Right"], model.Info.Views.Select(v => v.Name).ToArray());
        Assert.Equal([20L, 30], model.Info.Views.Select(v => v.InputSize).ToArray());
        Assert.Equal(["Left.embed", "Right.embed"], model.Info.Decorrelations.Select(d => d.Key).ToArray());
        Assert.Contains("Left.fc1", model.Summary());
    }

    [Fact]
    public void DeviceConstructor_PlacesParametersAndBuffers()
    {
        var type = Example.Value.GetType("SyntheticTwoView.TwoViewModel", throwOnError: true)!;
        using var model = (Sdl.Runtime.Models.MultiViewModule)Activator.CreateInstance(type, [CPU])!;
        Assert.All(model.state_dict().Values, t => Assert.Equal(DeviceType.CPU, t.device_type));
    }

    [Fact]
    public void Summary_CountsEveryParameter()
    {
        using var model = CompiledModels.Create(Example.Value, "SyntheticTwoView.TwoViewModel");
        long parameters = model.parameters().Sum(p => p.numel());
        Assert.Contains(parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), model.Summary());
        Assert.Contains("Left.embed   Dense(64 → 4)", model.Summary());
    }

    [Fact]
    public void UnsetHyperparameters_FollowTheAttributesDefaults()
    {
        // The generator repeats the attributes' defaults (unset named arguments are not in the
        // attribute data); this pins the two copies together by what the generated loss computes.
        var assembly = CompiledModels.Load(GeneratorHarness.Run("""
            using Sdl.Dsl;
            using Sdl.Runtime.Models;
            namespace Defaults;
            [MultiViewModel]
            [SoftCca]
            public partial class Plain
            {
                [View(InputDim = 6)] [Dense("embed", 4)] [Decorrelate(Layer = "embed")]
                public partial ViewEncoder Left { get; }
                [View(InputDim = 6)] [Dense("embed", 4)]
                public partial ViewEncoder Right { get; }
            }
            """).AssertCompilesCleanly().OutputCompilation);
        double lambda = new Sdl.Dsl.SoftCcaAttribute().Lambda, alpha = new Sdl.Dsl.DecorrelateAttribute().Alpha;
        manual_seed(11);
        using var model = CompiledModels.Create(assembly, "Defaults.Plain");
        using var reference = new Sdl.Runtime.Losses.StochasticDecorrelationLoss(4, alpha);
        model.train();
        reference.train();
        Assert.Equal(alpha, model.Info.Decorrelations.Single().Alpha, 6);
        for (int step = 0; step < 3; step++) // from step 2 on the running average depends on α
        {
            using var scope = NewDisposeScope();
            var inputs = new[] { randn(16, 6), randn(16, 6) };
            var output = model.forward(inputs);
            double term = model.ComputeLoss(output, inputs).Terms.Single(t => t.Key == "sdl(Left.embed)").Value.item<float>();
            double expected = lambda * reference.forward(output.Taps["Left.embed"].detach()).item<float>();
            Assert.Equal(expected, term, expected * 1e-5);
        }
    }
}
