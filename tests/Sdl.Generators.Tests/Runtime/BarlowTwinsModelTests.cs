using System.Reflection;
using Sdl.Generators.Tests.Infrastructure;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Generators.Tests.Runtime;

/// <summary>
/// A declared <c>[BarlowTwins]</c> model (added through docs/extending.md's four files): its loss is the Barlow Twins
/// term plus λ·weight·SDL per tap, its settings come from the attribute and the options, the marker's view rules are
/// the built-in diagnostics, and it trains.
/// </summary>
public class BarlowTwinsModelTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static readonly Lazy<Assembly> Compiled = new(() => CompiledModels.Load(GeneratorHarness.Run(TestModels.BarlowTwins).AssertCompilesCleanly().OutputCompilation));

    private static MultiViewModule Create(ModelOptions? options = null) =>
        (MultiViewModule)Compiled.Value.GetType("Demo.Redundancy", throwOnError: true)!.GetConstructor([typeof(ModelOptions)])!.Invoke([options]);

    [Fact]
    public void Loss_IsBarlowTwinsPlusLambdaTimesWeightTimesSdl()
    {
        manual_seed(11);
        using var model = Create();
        using var scope = NewDisposeScope();
        Assert.Equal(ObjectiveKind.Custom, model.Info.Objective);
        Assert.Equal("BarlowTwins", model.Info.ObjectiveName);
        Assert.Equal("BarlowTwinsSettings { OffDiagonalWeight = 0.02 }", model.Info.Hyperparameters!.Objective.ToString());
        var inputs = new[] { randn(40, 12), randn(40, 9) };
        var output = model.call(inputs);

        var terms = model.ComputeLoss(output, inputs).ToValues();

        Assert.Equal(["total", "barlow_twins", "sdl(Left.embed)", "sdl(Right.embed)"], terms.Keys.ToArray());
        double barlow = new BarlowTwinsLoss(0.02).call(output.Embeddings[0], output.Embeddings[1]).item<float>();
        Assert.Equal(barlow, terms["barlow_twins"], 4);
        // λ = 0.05 on both taps, weight 1 on Left and 0.5 on Right; α = 0, so a fresh SDL module gives the same value.
        double left = new StochasticDecorrelationLoss(6, 0).call(output.Taps["Left.embed"]).item<float>();
        double right = new StochasticDecorrelationLoss(6, 0).call(output.Taps["Right.embed"]).item<float>();
        Assert.Equal(0.05 * left, terms["sdl(Left.embed)"], 4);
        Assert.Equal(0.05 * 0.5 * right, terms["sdl(Right.embed)"], 4);
        Assert.Equal(barlow + 0.05 * left + 0.025 * right, terms["total"], 4);
        Assert.Contains("BarlowTwins, OffDiagonalWeight = 0.02, λ = 0.05", model.Summary());
    }

    [Fact]
    public void Options_OverrideTheOffDiagonalWeight_AndAreChecked()
    {
        manual_seed(12);
        using var model = Create(new ModelOptions { Objective = new BarlowTwinsOptions { OffDiagonalWeight = 0.5 } });
        Assert.Equal("BarlowTwinsSettings { OffDiagonalWeight = 0.5 }", model.Info.Hyperparameters!.Objective.ToString());
        var inputs = new[] { randn(30, 12), randn(30, 9) };
        var output = model.call(inputs);
        double expected = new BarlowTwinsLoss(0.5).call(output.Embeddings[0], output.Embeddings[1]).item<float>();
        Assert.Equal(expected, model.ComputeLoss(output, inputs).ToValues()["barlow_twins"], 4);
        Assert.StartsWith("Redundancy: BarlowTwins, OffDiagonalWeight = 0.5, λ = 0.05", model.Summary()); // the title shows the value in force

        var negative = Assert.Throws<TargetInvocationException>(() => Create(new ModelOptions { Objective = new BarlowTwinsOptions { OffDiagonalWeight = -1 } })).InnerException!;
        Assert.Contains("OffDiagonalWeight = -1 is not a finite number >= 0", negative.Message);
        var foreign = Assert.Throws<TargetInvocationException>(() => Create(new ModelOptions { Objective = new DccaOptions() })).InnerException!;
        Assert.Contains("which cannot take DccaOptions; use BarlowTwinsOptions", foreign.Message);
    }

    [Theory]
    [InlineData("[View(InputDim = 4)] [Dense(\"embed\", 6)] public partial ViewEncoder Extra { get; }", 6, "SDL0006")]
    [InlineData("", 5, "SDL0007")]
    public void TwoViewsOfEqualWidth_AreRequiredAtCompileTime(string extraView, int rightWidth, string id)
    {
        var source = $$"""
            using Sdl.Dsl;
            using Sdl.Runtime.Models;

            namespace Demo;

            [MultiViewModel]
            [BarlowTwins]
            public partial class Wrong
            {
                [View(InputDim = 12)] [Dense("embed", 6)] public partial ViewEncoder Left { get; }
                [View(InputDim = 9)] [Dense("embed", {{rightWidth}})] public partial ViewEncoder Right { get; }
                {{extraView}}
            }
            """;
        Assert.Equal(id, GeneratorHarness.Run(source).GeneratorDiagnostics.Single().Id);
    }

    [Fact]
    public void AGeneratedModel_Trains_TheLossGoesDown()
    {
        // Two noisy views of the same 6 latent factors: Barlow Twins can make C close to the identity.
        manual_seed(13);
        var generator = new Generator(13);
        using var model = Create();
        using var scope = NewDisposeScope();
        var latent = randn([256, 6], generator: generator);
        var left = latent.matmul(randn([6, 12], generator: generator)) + 0.1 * randn([256, 12], generator: generator);
        var right = latent.matmul(randn([6, 9], generator: generator)) + 0.1 * randn([256, 9], generator: generator);
        var inputs = new[] { left, right };
        var optimiser = optim.Adam(model.parameters(), lr: 1e-2);

        double Step(bool update)
        {
            using var step = NewDisposeScope();
            optimiser.zero_grad();
            var loss = model.ComputeLoss(model.call(inputs), inputs);
            if (update)
            {
                loss.Total.backward();
                optimiser.step();
            }
            return loss.ToValues()["barlow_twins"];
        }

        model.train();
        double first = Step(update: false);
        for (int i = 0; i < 150; i++) Step(update: true);
        double last = Step(update: false);

        log.WriteLine($"barlow_twins term: {first} before, {last} after 150 Adam steps");
        Assert.True(first > 1, $"the untrained model's Barlow Twins term should be far from its minimum ({first})");
        Assert.True(last < 0.2 * first, $"the Barlow Twins term went from {first} to {last}");
    }
}
