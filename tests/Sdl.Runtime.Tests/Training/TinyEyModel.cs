using Sdl.Dsl;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// Two small MLP encoders trained with DCCA-EY, in the shape the generator emits. Its loss, unlike
/// Soft CCA's (batch-normalised, so bounded), grows with the embeddings' scale: a blow-up of the
/// weights or of a batch shows in the loss, which is what the divergence guard's step check watches.
/// </summary>
sealed class TinyEyModel : MultiViewModule
{
    private readonly Sequential Left;
    private readonly Sequential Right;
    private readonly DccaEyLoss objective;

    public TinyEyModel(int leftInput, int rightInput, int embedding) : base(nameof(TinyEyModel))
    {
        Left = nn.Sequential(("fc1", nn.Linear(leftInput, 16)), ("act1", nn.ReLU()), ("embed", nn.Linear(16, embedding)));
        Right = nn.Sequential(("fc1", nn.Linear(rightInput, 16)), ("act1", nn.Tanh()), ("embed", nn.Linear(16, embedding)));
        objective = new DccaEyLoss(EyPenalty.SameBatch);
        Info = new ModelInfo(nameof(TinyEyModel), ObjectiveKind.DccaEy,
            [new ViewInfo("Left", [leftInput], embedding), new ViewInfo("Right", [rightInput], embedding)], []);
        RegisterComponents();
    }

    public override ModelInfo Info { get; }

    public override MultiViewOutput forward(IReadOnlyList<Tensor> inputs)
    {
        var left = Left.call(inputs[0]);
        var right = Right.call(inputs[1]);
        return new MultiViewOutput([left, right], new Dictionary<string, Tensor> { ["Left.embed"] = left, ["Right.embed"] = right });
    }

    public override LossBreakdown ComputeLoss(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels = null) =>
        LossBreakdown.Sum([("dcca_ey", objective.call(output.Embeddings), 1.0)]);

    public override string Summary() => "TinyEyModel: Left 16-unit MLP, Right 16-unit MLP, DCCA-EY";
}
