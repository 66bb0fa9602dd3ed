namespace Sdl.Generators.Tests.Infrastructure;

/// <summary>User sources that cover every objective, layer kind and view kind; shared by snapshot, runtime and incrementality tests.</summary>
public static class TestModels
{
    public const string SoftCcaThreeViews = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo;

        [MultiViewModel]
        [SoftCca(Lambda = 0.5)]
        public partial class ThreeViews
        {
            [View(InputDim = 12)]
            [Dense("fc1", 16, Activation.Tanh)]
            [Dense("embed", 6)]
            [Decorrelate(Layer = "fc1", Method = DecorrelationMethod.DeCov, Weight = 0.25)]
            [Decorrelate(Layer = "embed", Alpha = 0.5, Reduction = SdlReduction.Mean, Norm = SdlNorm.L1)]
            public partial ViewEncoder Audio { get; }

            [View(InputDim = 10)]
            [Dense("embed", 6, Bias = false)]
            [Decorrelate(Layer = "embed", Method = DecorrelationMethod.None)]
            public partial ViewEncoder Video { get; }

            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.GELU)]
            [Dense("embed", 6)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Text { get; }
        }
        """;

    public const string Dcca = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo;

        [MultiViewModel]
        [Dcca(TopK = 3, Ridge = 1e-4, EigenvalueFloor = 1e-8, UseFloat64 = false, BatchSize = 128)]
        public partial class ExactCca
        {
            [View(InputDim = 12)]
            [Dense("fc1", 32, Activation.Sigmoid)]
            [Dense("embed", 5)]
            [Decorrelate(Layer = "fc1")]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 9)]
            [Dense("fc1", 32, Activation.ELU)]
            [Dense("embed", 5)]
            public partial ViewEncoder Right { get; }
        }
        """;

    public const string DccaEy = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo;

        [MultiViewModel]
        [DccaEy(Penalty = EyPenalty.SameBatch, Lambda = 0.01)]
        public partial class EckhartYoung
        {
            [View(InputDim = 12)]
            [Dense("fc1", 32, Activation.ReLU)]
            [Dense("embed", 6)]
            [Decorrelate(Layer = "embed", Norm = SdlNorm.Squared)]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 9)]
            [Dense("fc1", 32, Activation.ReLU)]
            [Dense("embed", 6)]
            public partial ViewEncoder Right { get; }
        }
        """;

    public const string BarlowTwins = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo;

        [MultiViewModel]
        [BarlowTwins(OffDiagonalWeight = 0.02, Lambda = 0.05)]
        public partial class Redundancy
        {
            [View(InputDim = 12)]
            [Dense("fc1", 32, Activation.ReLU)]
            [Dense("embed", 6)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 9)]
            [Dense("fc1", 32, Activation.ReLU)]
            [Dense("embed", 6)]
            [Decorrelate(Layer = "embed", Weight = 0.5)]
            public partial ViewEncoder Right { get; }
        }
        """;

    public const string Fae = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo;

        [MultiViewModel]
        [Fae(Shared = 3, Private = 2, Beta = 2, Lambda = 0.01)]
        public partial class Factorised
        {
            [View(InputDim = 12)]
            [Dense("enc1", 24, Activation.ReLU)]
            [Dense("latent", 5)]
            [Dense("dec1", 24, Activation.ReLU, Decoder = true)]
            [Dense("reconstruction", 12, Decoder = true)]
            public partial ViewEncoder Left { get; }

            [View(InputDim = 10)]
            [Dense("enc1", 24, Activation.LeakyReLU)]
            [Dense("latent", 5)]
            [Decorrelate(Layer = "latent", Alpha = 0.8, Weight = 3)]
            [Dense("dec1", 24, Activation.ReLU, Decoder = true)]
            [Dense("reconstruction", 10, Decoder = true)]
            public partial ViewEncoder Right { get; }
        }
        """;

    public const string Supervised = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo;

        [MultiViewModel]
        [Supervised(Classes = 4, Lambda = 0.1)]
        public partial class Classifier
        {
            [View(InputDim = 16)]
            [Dense("hidden", 32, Activation.ReLU)]
            [Dropout("drop", 0.2)]
            [Dense("logits", 4)]
            [Decorrelate(Layer = "hidden")]
            public partial ViewEncoder Pixels { get; }
        }
        """;

    /// <summary>Every declared layer kind, with an image view that starts flat and is reshaped.</summary>
    public const string AllLayerKinds = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;

        namespace Demo.Vision;

        [MultiViewModel]
        [SoftCca]
        public partial class ConvHalves
        {
            [View(InputShape = new[] { 1, 12, 12 })]
            [Conv2d("conv1", 4, 3, Activation.ReLU, Padding = 1)]
            [BatchNorm("bn1")]
            [MaxPool2d("pool1", 2)]
            [Conv2d("conv2", 8, 3, Stride = 2)]
            [ActivationLayer("act2", Activation.ReLU)]
            [Flatten("flat")]
            [Dense("fc", 16)]
            [LayerNorm("norm")]
            [Dropout("drop", 0.1)]
            [Dense("embed", 6)]
            [Decorrelate(Layer = "flat", Method = DecorrelationMethod.DeCov)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Top { get; }

            [View(InputDim = 144)]
            [Reshape("image", 1, 12, 12)]
            [Conv2d("conv1", 2, 5)]
            [ActivationLayer("act1", Activation.Tanh)]
            [Flatten("flat")]
            [BatchNorm("bn")]
            [Dense("embed", 6)]
            public partial ViewEncoder Bottom { get; }
        }
        """;

    /// <summary>A custom encoder (a user TorchSharp module) next to a declared one; its field fc2 is tapped through a hook.</summary>
    public const string CustomEncoder = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using TorchSharp;
        using TorchSharp.Modules;
        using static TorchSharp.torch;

        namespace Demo.Custom;

        public sealed class SmallMlp : nn.Module<Tensor, Tensor>
        {
            private readonly Linear fc1;
            private readonly Linear fc2;
            private readonly Linear head;

            public SmallMlp() : base(nameof(SmallMlp))
            {
                fc1 = nn.Linear(10, 20);
                fc2 = nn.Linear(20, 12);
                head = nn.Linear(12, 6);
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => head.call(nn.functional.relu(fc2.call(nn.functional.relu(fc1.call(input)))));
        }

        [MultiViewModel]
        [SoftCca]
        public partial class Mixed
        {
            [View(InputDim = 10)]
            [Decorrelate(Layer = "fc2")]
            public partial SmallMlp Left { get; }

            [View(InputDim = 7)]
            [Dense("embed", 6)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Right { get; }
        }
        """;
}
