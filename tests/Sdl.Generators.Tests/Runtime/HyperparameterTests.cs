using System.Reflection;
using Sdl.Generators.Tests.Infrastructure;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;

namespace Sdl.Generators.Tests.Runtime;

/// <summary>
/// Attribute values are defaults: a model constructed with <see cref="ModelOptions"/> uses the overrides, records them in
/// its <see cref="ModelInfo"/>, and refuses a bad one with the message of the compile-time diagnostic for the same rule.
/// </summary>
public class HyperparameterTests
{
    private const string Source = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Tuning;

        [MultiViewModel]
        [SoftCca(Lambda = 0.3)]
        public partial class Halves
        {
            [View(InputDim = 10)]
            [Dense("fc1", 12, Activation.ReLU)]
            [Dropout("drop", 0.2)]
            [Dense("embed", 5)]
            [BatchNorm("bn")]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 6)]
            [Dense("embed", 5)]
            [Decorrelate(Layer = "embed", Alpha = 0.8, Method = DecorrelationMethod.DeCov)]
            public partial ViewEncoder Right { get; }
        }

        [MultiViewModel]
        [SoftCca]
        public partial class Wide
        {
            [View(InputDim = 10)]
            [Dense("embed", 512)]
            [Decorrelate(Layer = "embed", Weight = 1)]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 6)]
            [Dense("embed", 512)]
            public partial ViewEncoder Right { get; }
        }

        [MultiViewModel]
        [Supervised(Classes = 3)]
        public partial class Classifier
        {
            [View(InputDim = 10)]
            [Dense("hidden", 8, Activation.ReLU)]
            [Dense("logits", 3)]
            [Decorrelate(Layer = "hidden")]
            public partial ViewEncoder Input { get; }
        }

        [MultiViewModel]
        [Dcca]
        public partial class Exact
        {
            [View(InputDim = 10)]
            [Dense("embed", 4)]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 6)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
        }

        [MultiViewModel]
        [DccaEy]
        public partial class Eckhart
        {
            [View(InputDim = 10)]
            [Dense("embed", 4)]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 6)]
            [Dense("embed", 4)]
            public partial ViewEncoder Right { get; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => CompiledModels.Load(GeneratorHarness.Run(Source).AssertCompilesCleanly().OutputCompilation));

    private static MultiViewModule Create(string type, ModelOptions? options) =>
        (MultiViewModule)Compiled.Value.GetType(type, throwOnError: true)!.GetConstructor([typeof(ModelOptions)])!.Invoke([options]);

    [Fact]
    public void WithoutOptions_TheDeclaredValuesAreRecorded()
    {
        using var model = Create("Tuning.Halves", null);
        var h = model.Info.Hyperparameters!;
        Assert.Equal(0.3, h.Lambda);
        Assert.Equal([Sdl.Runtime.Losses.StochasticDecorrelationLoss.DefaultAlpha, 0.8], h.Taps.Select(t => t.Alpha));
        Assert.Equal(0.2, Assert.Single(h.Dropouts).Probability);
        Assert.Equal([5L, 5L], h.EmbeddingSizes);
    }

    /// <summary>
    /// [SoftCca] without λ: λ follows the embedding width, as declared (512 → 0.0092) and as resized at construction; a λ
    /// written on the attribute or given in the options stays what it is at any width.
    /// </summary>
    [Fact]
    public void AnUnwrittenSoftCcaLambda_FollowsTheEmbeddingWidth()
    {
        using (var declared = Create("Tuning.Wide", null))
        {
            Assert.Equal(0.0092, declared.Info.Hyperparameters!.Lambda);
            Assert.True(declared.Info.Hyperparameters.LambdaFollowsWidth);
            Assert.StartsWith("Wide: Soft CCA, λ = 0.0092" + Environment.NewLine, declared.Summary());
        }
        using (var narrow = Create("Tuning.Wide", new ModelOptions { EmbeddingSize = 20 }))
            Assert.Equal(0.3, narrow.Info.Hyperparameters!.Lambda);
        using (var wider = Create("Tuning.Wide", new ModelOptions { EmbeddingSize = 1024 }))
        {
            Assert.Equal(0.0032, wider.Info.Hyperparameters!.Lambda);
            // The loss uses it: the SDL term's weight in the breakdown is λ × the tap's weight.
            var describe = wider.Info.Hyperparameters.Describe().ToList();
            Assert.Contains(describe, line => line.Contains("weight 0.0032", StringComparison.Ordinal));
        }
        using (var given = Create("Tuning.Wide", new ModelOptions { EmbeddingSize = 1024, Lambda = 0.1 }))
        {
            Assert.Equal(0.1, given.Info.Hyperparameters!.Lambda);
            Assert.False(given.Info.Hyperparameters.LambdaFollowsWidth);
        }
        using (var written = Create("Tuning.Halves", new ModelOptions { EmbeddingSize = 512 }))
        {
            Assert.Equal(0.3, written.Info.Hyperparameters!.Lambda); // [SoftCca(Lambda = 0.3)] is written: kept
            Assert.False(written.Info.Hyperparameters.LambdaFollowsWidth);
        }
    }

    /// <summary>The summary's title is made from the settings in force: objective overrides and λ show, not the declared values.</summary>
    [Fact]
    public void TheSummaryTitle_ShowsTheObjectiveSettingsInForce()
    {
        using (var declared = Create("Tuning.Exact", null))
            Assert.StartsWith("Exact: DCCA, top-k = all, ridge = 0.001, λ = 0.001" + Environment.NewLine, declared.Summary());
        using (var exact = Create("Tuning.Exact", new ModelOptions { Lambda = 0.25, Objective = new DccaOptions { TopK = 2, Ridge = 1e-4 } }))
            Assert.StartsWith("Exact: DCCA, top-k = 2, ridge = 0.0001, λ = 0.25" + Environment.NewLine, exact.Summary());
        var penalty = typeof(DccaEyOptions).GetProperty(nameof(DccaEyOptions.Penalty))!;
        var options = new DccaEyOptions();
        penalty.SetValue(options, Enum.Parse(Nullable.GetUnderlyingType(penalty.PropertyType)!, "IndependentHalves"));
        using (var eckhart = Create("Tuning.Eckhart", new ModelOptions { Objective = options }))
            Assert.StartsWith("Eckhart: DCCA-EY, penalty = IndependentHalves, λ = 0.001", eckhart.Summary());
    }

    [Fact]
    public void Overrides_ChangeTheModel_AndAreRecorded()
    {
        var options = new ModelOptions
        {
            Lambda = 0.05, Alpha = 0.9, EmbeddingSize = 32,
            TapWeights = new Dictionary<string, double> { ["Right.embed"] = 2 },
            DropoutProbabilities = new Dictionary<string, double> { ["Left.drop"] = 0.4 },
        };
        // SdlNorm is also visible from the generator assembly (InternalsVisibleTo): set it through the option's own type.
        var norm = typeof(ModelOptions).GetProperty(nameof(ModelOptions.Norm))!;
        norm.SetValue(options, Enum.Parse(Nullable.GetUnderlyingType(norm.PropertyType)!, "L1"));
        var reduction = typeof(ModelOptions).GetProperty(nameof(ModelOptions.Reduction))!;
        reduction.SetValue(options, Enum.Parse(Nullable.GetUnderlyingType(reduction.PropertyType)!, "Mean"));
        using var model = Create("Tuning.Halves", options);
        var inputs = new[] { TorchSharp.torch.randn(16, 10), TorchSharp.torch.randn(16, 6) };
        var output = model.call(inputs);
        Assert.Equal(32, output.Embeddings[0].shape[1]);
        Assert.Equal(32, output.Embeddings[1].shape[1]);
        Assert.Equal([32L, 32L], model.Info.Views.Select(v => v.EmbeddingSize));
        Assert.Equal(0.9, model.Info.Decorrelations[0].Alpha);
        Assert.Equal("L1", model.Info.Decorrelations[0].Norm.ToString());
        Assert.Equal(0.8, model.Info.Decorrelations[1].Alpha); // DeCov has no α: the global α leaves it alone
        Assert.Equal(2, model.Info.Decorrelations[1].Weight);
        Assert.Equal(0.4, model.Info.Hyperparameters!.Dropouts[0].Probability);
        Assert.Contains("[32]", model.Summary());
        Assert.Equal("Mean", model.Info.Decorrelations[0].Reduction.ToString());
        Assert.Equal("Sum", model.Info.Decorrelations[1].Reduction.ToString()); // DeCov has no reduction: left alone
        Assert.Equal("Mean", model.named_children().Single(c => c.name == "sdl_Left_embed").module.GetType().GetProperty("Reduction")!.GetValue(model.named_children().Single(c => c.name == "sdl_Left_embed").module)!.ToString());
        Assert.Contains("sdl(Left.embed): weight 0.05, alpha 0.9, L1 norm, mean reduction", model.Summary());

        // The loss uses λ·weight in force: decov(Right.embed) is weighted 0.05 × 2.
        var loss = model.ComputeLoss(output, inputs).ToValues();
        using var plain = Create("Tuning.Halves", options with { Lambda = 1, TapWeights = null });
        plain.load_state_dict(model.state_dict());
        var unweighted = plain.ComputeLoss(plain.call(inputs), inputs).ToValues();
        Assert.Equal(unweighted["decov(Right.embed)"] * 0.1, loss["decov(Right.embed)"], 5);
    }

    [Theory]
    [InlineData("alpha", "Alpha = 1 on the tap 'Left.embed' is outside [0, 1)")]
    [InlineData("lambda", "Lambda = NaN is not a finite number >= 0")]
    [InlineData("weight", "Weight of the tap 'Right.embed' = Infinity is not a finite number >= 0")]
    [InlineData("dropout", "The drop probability of 'Left.drop' is 1; it must be a finite number in [0, 1)")]
    [InlineData("unknown tap", "TapWeights names 'Left.fc1', which model 'Halves' does not have; use one of: Left.embed, Right.embed")]
    [InlineData("width", "EmbeddingSize = 0 cannot be used by model 'Halves'")]
    public void BadOverride_IsRefused_WithTheDiagnosticsMessage(string what, string message)
    {
        var options = what switch
        {
            "alpha" => new ModelOptions { Alpha = 1 },
            "lambda" => new ModelOptions { Lambda = double.NaN },
            "weight" => new ModelOptions { TapWeights = new Dictionary<string, double> { ["Right.embed"] = double.PositiveInfinity } },
            "dropout" => new ModelOptions { DropoutProbabilities = new Dictionary<string, double> { ["Left.drop"] = 1 } },
            "unknown tap" => new ModelOptions { TapWeights = new Dictionary<string, double> { ["Left.fc1"] = 1 } },
            _ => new ModelOptions { EmbeddingSize = 0 },
        };
        var error = Assert.Throws<TargetInvocationException>(() => Create("Tuning.Halves", options)).InnerException;
        Assert.IsType<ArgumentException>(error);
        Assert.Contains(message, error!.Message);
    }

    /// <summary>
    /// An enum option the enum does not define is refused at construction with SDL0037's message, which names the value
    /// and, for a tap's norm, the tap; a zero eigenvalue floor with SDL0040's (the rule DccaLoss applies).
    /// </summary>
    [Theory]
    [InlineData("Tuning.Halves", nameof(ModelOptions.Norm), 42, "Norm of the tap 'Left.embed' = 42 is not a defined SdlNorm value; use one of: L1, Squared")]
    [InlineData("Tuning.Halves", nameof(ModelOptions.Norm), -1, "Norm of the tap 'Left.embed' = -1 is not a defined SdlNorm value")]
    public void UndefinedEnumOption_IsRefused_NamingTheValueAndTheTap(string type, string property, int value, string message)
    {
        // The DSL enums are also visible from the generator assembly (InternalsVisibleTo): set them through the option's own type.
        var options = new ModelOptions();
        var option = typeof(ModelOptions).GetProperty(property)!;
        option.SetValue(options, Enum.ToObject(Nullable.GetUnderlyingType(option.PropertyType)!, value));
        var error = Assert.Throws<TargetInvocationException>(() => Create(type, options)).InnerException!;
        Assert.IsType<ArgumentException>(error);
        Assert.Contains(message, error.Message);
        Assert.Equal(property, ((ArgumentException)error).ParamName);
    }

    [Fact]
    public void UndefinedPenalty_IsRefused_WithSdl0037sMessage()
    {
        var options = new DccaEyOptions();
        var penalty = typeof(DccaEyOptions).GetProperty(nameof(DccaEyOptions.Penalty))!;
        penalty.SetValue(options, Enum.ToObject(Nullable.GetUnderlyingType(penalty.PropertyType)!, 9));
        var error = Assert.Throws<TargetInvocationException>(() => Create("Tuning.Eckhart", new ModelOptions { Objective = options })).InnerException!;
        Assert.IsType<ArgumentException>(error);
        Assert.Contains("Penalty = 9 is not a defined EyPenalty value; use one of: IndependentHalves, SameBatch", error.Message);
        Assert.Equal(nameof(DccaEyOptions.Penalty), ((ArgumentException)error).ParamName);
    }

    /// <summary>An objective's options on a model with another objective are refused, naming the model, its objective and the options' type.</summary>
    [Theory]
    [InlineData("Tuning.Exact", "fae", "Model 'Exact' has the objective Dcca, which cannot take FaeOptions; use DccaOptions.")]
    [InlineData("Tuning.Eckhart", "dcca", "Model 'Eckhart' has the objective DccaEy, which cannot take DccaOptions; use DccaEyOptions.")]
    [InlineData("Tuning.Halves", "dcca", "Model 'Halves' has the objective SoftCca, which cannot take DccaOptions; SoftCca has no options of its own.")]
    [InlineData("Tuning.Classifier", "ey", "Model 'Classifier' has the objective Supervised, which cannot take DccaEyOptions; Supervised has no options of its own.")]
    public void AnotherObjectivesOptions_AreRefused_NeverIgnored(string type, string kind, string message)
    {
        ObjectiveOptions options = kind switch { "fae" => new FaeOptions { Beta = 2 }, "dcca" => new DccaOptions { Ridge = 1 }, _ => new DccaEyOptions() };
        var error = Assert.Throws<TargetInvocationException>(() => Create(type, new ModelOptions { Objective = options })).InnerException!;
        Assert.IsType<ArgumentException>(error);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(nameof(ModelOptions.Objective), ((ArgumentException)error).ParamName);
    }

    [Fact]
    public void OwnOptions_AreApplied_AndRecorded()
    {
        using var model = Create("Tuning.Exact", new ModelOptions { Objective = new DccaOptions { Ridge = 0.5, UseFloat64 = false } });
        var settings = Assert.IsType<DccaSettings>(model.Info.Hyperparameters!.Objective);
        Assert.Equal(0.5, settings.Ridge);
        Assert.False(settings.UseFloat64);
        var dcca = (DccaLoss)model.named_children().Single(c => c.name == "dcca").module;
        Assert.Equal(0.5, dcca.Ridge);
        Assert.False(dcca.UseFloat64);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-9)]
    [InlineData(double.PositiveInfinity)]
    public void NonPositiveEigenvalueFloor_IsRefused_LikeTheAttributeAndDccaLoss(double floor)
    {
        var error = Assert.Throws<TargetInvocationException>(() => Create("Tuning.Exact", new ModelOptions { Objective = new DccaOptions { EigenvalueFloor = floor } })).InnerException!;
        Assert.Contains("is not a finite number > 0", error.Message);
        var diagnostic = GeneratorHarness.Run(Source.Replace("[Dcca]", "[Dcca(EigenvalueFloor = 0)]")).GeneratorDiagnostics.Single();
        Assert.Equal("SDL0040", diagnostic.Id);
        using var model = Create("Tuning.Exact", new ModelOptions { Objective = new DccaOptions { EigenvalueFloor = 1e-12 } });
        Assert.Equal(1e-12, ((DccaSettings)model.Info.Hyperparameters!.Objective).EigenvalueFloor);
    }

    [Fact]
    public void TheRuntimeMessage_IsTheDiagnosticsMessage()
    {
        var diagnostic = GeneratorHarness.Run(Source.Replace("[Decorrelate(Layer = \"embed\")]", "[Decorrelate(Layer = \"embed\", Alpha = 1)]")).GeneratorDiagnostics.Single();
        var error = Assert.Throws<TargetInvocationException>(() => Create("Tuning.Halves", new ModelOptions { Alpha = 1 })).InnerException!;
        Assert.StartsWith(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void AFixedWidth_CannotChange()
    {
        var error = Assert.Throws<TargetInvocationException>(() => Create("Tuning.Classifier", new ModelOptions { EmbeddingSize = 7 })).InnerException!;
        Assert.Contains("cannot change", error.Message);
        using var same = Create("Tuning.Classifier", new ModelOptions { Lambda = 0.5 });
        Assert.Equal(0.5, same.Info.Hyperparameters!.Lambda);
    }

    [Fact]
    public void Dcca_TopKFollowsTheWidth_AndIsChecked()
    {
        using var model = Create("Tuning.Exact", new ModelOptions { EmbeddingSize = 3, Objective = new DccaOptions { TopK = 2 } });
        var inputs = new[] { TorchSharp.torch.randn(64, 10), TorchSharp.torch.randn(64, 6) };
        Assert.True(double.IsFinite(model.ComputeLoss(model.call(inputs), inputs).ToValues()["total"]));
        var error = Assert.Throws<TargetInvocationException>(() => Create("Tuning.Exact", new ModelOptions { EmbeddingSize = 3, Objective = new DccaOptions { TopK = 4 } })).InnerException!;
        Assert.Contains("TopK = 4", error.Message);
    }
}

/// <summary>The main job's models take any embedding width, α and λ at construction (<c>--embedding 32</c>).</summary>
public class MainJobCatalogTests
{
    [Theory]
    [InlineData("SoftCca", 32)]
    [InlineData("SoftCca", 10)]
    [InlineData("Dcca", 32)]
    public void AnyEmbeddingWidth_Builds_AndRuns(string objective, int width)
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "examples/MnistSoftCca/Models"), "*.cs").Order().Select(File.ReadAllText).ToArray();
        var assembly = CompiledModels.Load(GeneratorHarness.Run(sources).AssertCompilesCleanly().OutputCompilation);
        var catalog = assembly.GetType("Sdl.Examples.MnistSoftCca.Models.ModelCatalog", throwOnError: true)!;
        object?[] arguments = objective == "SoftCca" ? [width, 0.9, 0.1] : [width, 0.1];
        using var model = (MultiViewModule)catalog.GetMethod(objective)!.Invoke(null, arguments)!;
        var inputs = new[] { TorchSharp.torch.randn(64, 392), TorchSharp.torch.randn(64, 392) };
        var output = model.call(inputs);
        Assert.All(output.Embeddings, e => Assert.Equal(width, e.shape[1]));
        Assert.Equal(0.1, model.Info.Hyperparameters!.Lambda);
        if (objective == "SoftCca") Assert.All(model.Info.Decorrelations, d => Assert.Equal(0.9, d.Alpha));
        Assert.True(double.IsFinite(model.ComputeLoss(output, inputs).ToValues()["total"]));
    }
}
