using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// A small hand-written Soft CCA model in the shape the generator emits: two MLP encoders, SDL on
/// each embedding, the Soft CCA distance. <see cref="PoisonSdlAtTrainingStep"/> injects a NaN.
/// </summary>
sealed class TinyTwoViewModel : MultiViewModule
{
    private readonly Sequential Left;
    private readonly Sequential Right;
    private readonly StochasticDecorrelationLoss sdl_Left_embed;
    private readonly StochasticDecorrelationLoss sdl_Right_embed;
    private readonly SoftCcaDistance distance;
    private readonly double lambda;
    private long trainingLossCalls;

    public TinyTwoViewModel(int leftInput, int rightInput, int embedding, double lambda = 0.05, double dropout = 0.1) : base(nameof(TinyTwoViewModel))
    {
        Left = nn.Sequential(("fc1", nn.Linear(leftInput, 16)), ("act1", nn.ReLU()), ("drop", nn.Dropout(dropout)), ("embed", nn.Linear(16, embedding)));
        Right = nn.Sequential(("fc1", nn.Linear(rightInput, 16)), ("act1", nn.Tanh()), ("embed", nn.Linear(16, embedding)));
        // A running average (α > 0), so the SDL buffers carry history that checkpoints must keep.
        sdl_Left_embed = new StochasticDecorrelationLoss(embedding, alpha: 0.5);
        sdl_Right_embed = new StochasticDecorrelationLoss(embedding, alpha: 0.5);
        distance = new SoftCcaDistance();
        this.lambda = lambda;
        Info = new ModelInfo(nameof(TinyTwoViewModel), ObjectiveKind.SoftCca,
            [new ViewInfo("Left", [leftInput], embedding), new ViewInfo("Right", [rightInput], embedding)],
            [new TapInfo("Left", "embed", DecorrelationMethod.Sdl, 0.9, lambda), new TapInfo("Right", "embed", DecorrelationMethod.Sdl, 0.9, lambda)]);
        RegisterComponents();
    }

    public override ModelInfo Info { get; }

    /// <summary>1-based training step whose SDL term becomes NaN; null: never.</summary>
    public long? PoisonSdlAtTrainingStep { get; set; }

    public StochasticDecorrelationLoss LeftSdl => sdl_Left_embed;

    public override MultiViewOutput forward(IReadOnlyList<Tensor> inputs)
    {
        var left = Left.call(inputs[0]);
        var right = Right.call(inputs[1]);
        return new MultiViewOutput([left, right], new Dictionary<string, Tensor> { ["Left.embed"] = left, ["Right.embed"] = right });
    }

    public override LossBreakdown ComputeLoss(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels = null)
    {
        var sdlLeft = sdl_Left_embed.call(output.Taps["Left.embed"]);
        if (training && ++trainingLossCalls == PoisonSdlAtTrainingStep) sdlLeft = sdlLeft * double.NaN;
        return LossBreakdown.Sum([
            ("distance", distance.call(output.Embeddings), 1.0),
            ("sdl(Left.embed)", sdlLeft, lambda),
            ("sdl(Right.embed)", sdl_Right_embed.call(output.Taps["Right.embed"]), lambda),
        ]);
    }

    public override string Summary() => "TinyTwoViewModel: Left 16-unit MLP, Right 16-unit MLP";
}
