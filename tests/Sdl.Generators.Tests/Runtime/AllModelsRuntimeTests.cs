using System.Collections.Concurrent;
using System.Reflection;
using Sdl.Generators.Tests.Infrastructure;
using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Generators.Tests.Runtime;

/// <summary>Every snapshot model, compiled and run: forward shapes, named loss terms that sum to the total, gradients everywhere.</summary>
public class AllModelsRuntimeTests
{
    private static readonly ConcurrentDictionary<string, Assembly> Assemblies = new();

    private static MultiViewModule Create(string source, string typeName) =>
        CompiledModels.Create(
            Assemblies.GetOrAdd(source, s => CompiledModels.Load(GeneratorHarness.Run(s).AssertCompilesCleanly().OutputCompilation)),
            typeName);

    public static TheoryData<string, string, string[]> Models => new()
    {
        { TestModels.SoftCcaThreeViews, "Demo.ThreeViews", ["distance", "decov(Audio.fc1)", "sdl(Audio.embed)", "sdl(Text.embed)"] },
        { TestModels.Dcca, "Demo.ExactCca", ["dcca", "sdl(Left.fc1)"] },
        { TestModels.DccaEy, "Demo.EckhartYoung", ["dcca_ey", "sdl(Left.embed)"] },
        { TestModels.BarlowTwins, "Demo.Redundancy", ["barlow_twins", "sdl(Left.embed)", "sdl(Right.embed)"] },
        { TestModels.Fae, "Demo.Factorised", ["reconstruction(Left)", "reconstruction(Right)", "agreement", "sdl(Left.latent)", "sdl(Right.latent)"] },
        { TestModels.Supervised, "Demo.Classifier", ["cross_entropy", "sdl(Pixels.hidden)"] },
        { TestModels.AllLayerKinds, "Demo.Vision.ConvHalves", ["distance", "decov(Top.flat)", "sdl(Top.embed)"] },
        { TestModels.CustomEncoder, "Demo.Custom.Mixed", ["distance", "sdl(Left.fc2)", "sdl(Right.embed)"] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ForwardAndLoss_Work_AndEveryParameterGetsAGradient(string source, string typeName, string[] expectedTerms)
    {
        manual_seed(5);
        using var model = Create(source, typeName);
        using var scope = NewDisposeScope();
        const int batch = 64;
        var inputs = model.Info.Views.Select(v => randn(batch, v.InputSize)).ToArray();
        var labels = model.Info.Objective == ObjectiveKind.Supervised ? randint(0, model.Info.Classes, [batch]) : null;

        var output = model.forward(inputs);
        for (int v = 0; v < inputs.Length; v++)
            Assert.Equal([(long)batch, model.Info.Views[v].EmbeddingSize], output.Embeddings[v].shape);
        Assert.Equal(model.Info.Decorrelations.Select(d => d.Key).Order(), output.Taps.Keys.Order());

        var loss = model.ComputeLoss(output, inputs, labels);
        Assert.Equal(expectedTerms, loss.Terms.Select(t => t.Key).ToArray());
        Assert.Equal(loss.Terms.Sum(t => t.Value.ToDouble()), loss.Total.ToDouble(), 4);
        Assert.True(double.IsFinite(loss.Total.ToDouble()));

        loss.Total.backward();
        // Dropout can zero a few entries, but no parameter tensor may be left without any gradient.
        Assert.All(model.named_parameters(), p => Assert.True(p.parameter.grad is not null && p.parameter.grad.abs().sum().ToDouble() > 0, p.name));
    }

    [Fact]
    public void Fae_ReconstructsEachView_AndEmbedsTheSharedBlock()
    {
        using var model = Create(TestModels.Fae, "Demo.Factorised");
        using var scope = NewDisposeScope();
        var inputs = new[] { randn(16, 12), randn(16, 10) };
        var output = model.forward(inputs);
        Assert.Equal([16L, 12], output.Reconstructions![0].shape);
        Assert.Equal([16L, 10], output.Reconstructions[1].shape);
        Assert.Equal([16L, 3], output.Embeddings[0].shape);
        // The embedding is the first Shared columns of the tapped latent [s; p].
        Assert.Equal(0, (output.Taps["Left.latent"].narrow(1, 0, 3) - output.Embeddings[0]).abs().max().ToDouble());
        var loss = model.ComputeLoss(output, inputs).ToValues();
        // β = 2 and λ·weight = 0.01·3 for the right latent are applied to the named terms.
        var plainAgreement = new Sdl.Runtime.Objectives.SoftCcaDistance().forward(output.Embeddings).ToDouble();
        Assert.Equal(2 * plainAgreement, loss["agreement"], 4);
    }

    [Fact]
    public void CustomEncoder_TapIsCapturedByHook_AndSizedByMeasurement()
    {
        using var model = Create(TestModels.CustomEncoder, "Demo.Custom.Mixed");
        using var scope = NewDisposeScope();
        Assert.Equal(6, model.Info.Views[0].EmbeddingSize);
        Assert.Contains("sdl_Left_fc2.sigma_accu", model.state_dict().Keys);
        Assert.Equal([12L, 12], model.state_dict()["sdl_Left_fc2.sigma_accu"].shape);
        var output = model.forward([randn(8, 10), randn(8, 7)]);
        Assert.Equal([8L, 12], output.Taps["Left.fc2"].shape);
        Assert.Equal(["Left.fc1.weight", "Left.fc1.bias", "Left.fc2.weight", "Left.fc2.bias", "Left.head.weight", "Left.head.bias"],
            model.state_dict().Keys.Where(k => k.StartsWith("Left.")).ToArray());
    }

    [Fact]
    public void Supervised_WithoutLabels_SaysWhatIsMissing()
    {
        using var model = Create(TestModels.Supervised, "Demo.Classifier");
        using var scope = NewDisposeScope();
        var inputs = new[] { randn(8, 16) };
        var error = Assert.Throws<ArgumentNullException>(() => model.ComputeLoss(model.forward(inputs), inputs));
        Assert.Contains("class labels", error.Message);
    }

    [Fact]
    public void WrongNumberOfInputs_IsReportedInWords()
    {
        using var model = Create(TestModels.Dcca, "Demo.ExactCca");
        var error = Assert.Throws<ArgumentException>(() => model.forward([randn(4, 12)]));
        Assert.Contains("takes 2 input(s) (Left, Right), got 1", error.Message);
    }
}
