using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Examples.MnistSoftCca;

/// <summary>
/// Hand-written stand-in for the generated model until the generator lands: two MLP encoders
/// 392 → 1024 → 1024 → k with Soft CCA + SDL or exact DCCA on top.
/// </summary>
public sealed class TwoViewMlp : MultiViewModule
{
    private readonly Sequential Left;
    private readonly Sequential Right;
    private readonly StochasticDecorrelationLoss? sdl_Left_embed;
    private readonly StochasticDecorrelationLoss? sdl_Right_embed;
    private readonly SoftCcaDistance? distance;
    private readonly DccaLoss? dcca;
    private readonly double lambda;

    public TwoViewMlp(ObjectiveKind objective, long inputSize, long hidden, long embedding, double lambda) : base(objective == ObjectiveKind.Dcca ? "MnistHalvesDcca" : "MnistHalvesSoftCca")
    {
        Left = Encoder(inputSize, hidden, embedding);
        Right = Encoder(inputSize, hidden, embedding);
        if (objective == ObjectiveKind.Dcca) dcca = new DccaLoss(embedding);
        else
        {
            distance = new SoftCcaDistance();
            sdl_Left_embed = new StochasticDecorrelationLoss(embedding);
            sdl_Right_embed = new StochasticDecorrelationLoss(embedding);
        }
        this.lambda = lambda;
        Info = new ModelInfo(GetName(), objective,
            [new ViewInfo("Left", [inputSize], embedding), new ViewInfo("Right", [inputSize], embedding)],
            objective == ObjectiveKind.Dcca ? [] :
            [new DecorrelationInfo("Left", "embed", DecorrelationMethod.Sdl, StochasticDecorrelationLoss.DefaultAlpha, lambda),
             new DecorrelationInfo("Right", "embed", DecorrelationMethod.Sdl, StochasticDecorrelationLoss.DefaultAlpha, lambda)]);
        RegisterComponents();
    }

    static Sequential Encoder(long input, long hidden, long embedding) => nn.Sequential(
        ("fc1", nn.Linear(input, hidden)), ("fc1_act", nn.ReLU()),
        ("fc2", nn.Linear(hidden, hidden)), ("fc2_act", nn.ReLU()),
        ("embed", nn.Linear(hidden, embedding)));

    public override ModelInfo Info { get; }

    public override MultiViewOutput forward(IReadOnlyList<Tensor> inputs)
    {
        var left = Left.call(inputs[0]);
        var right = Right.call(inputs[1]);
        return new MultiViewOutput([left, right], new Dictionary<string, Tensor> { ["Left.embed"] = left, ["Right.embed"] = right });
    }

    public override LossBreakdown ComputeLoss(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels = null)
    {
        if (dcca is not null) return LossBreakdown.Sum([("dcca", dcca.call(output.Embeddings[0], output.Embeddings[1]), 1.0)]);
        return LossBreakdown.Sum([
            ("distance", distance!.call(output.Embeddings), 1.0),
            ("sdl(Left.embed)", sdl_Left_embed!.call(output.Taps["Left.embed"]), lambda),
            ("sdl(Right.embed)", sdl_Right_embed!.call(output.Taps["Right.embed"]), lambda),
        ]);
    }

    public override string Summary() => $"{GetName()}: two MLP encoders";
}
