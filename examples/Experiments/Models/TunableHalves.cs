using Sdl.Dsl;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Models;

/// <summary>
/// One objective of the halves comparison with its settings chosen at run time, for the sweeps
/// (a declared model fixes them at compile time). Only the settings live here: the losses are the
/// runtime's own modules, the same ones the generated models call.
/// </summary>
public sealed record HalvesObjective(string Label, ObjectiveKind Kind)
{
    public DecorrelationMethod Method { get; init; } = DecorrelationMethod.Sdl;
    public SdlNorm Norm { get; init; } = SdlDefaults.Norm;
    public double Alpha { get; init; } = SdlDefaults.Alpha;
    public double Lambda { get; init; } = SdlDefaults.SoftCcaLambda;
    public double Ridge { get; init; } = SdlDefaults.DccaRidge;
    public EyPenalty Penalty { get; init; } = SdlDefaults.EyPenalty;

    public static HalvesObjective SoftCca(SdlNorm norm, double alpha, double lambda, DecorrelationMethod method = DecorrelationMethod.Sdl) =>
        new(method == DecorrelationMethod.Sdl ? $"Soft CCA, {(norm == SdlNorm.Squared ? "squared" : "L1")} SDL α = {alpha:G}, λ = {lambda:G}" : $"Soft CCA, {method} λ = {lambda:G}", ObjectiveKind.SoftCca)
        { Norm = norm, Alpha = alpha, Lambda = lambda, Method = method };

    public static HalvesObjective Dcca(double ridge) => new($"DCCA, ridge {ridge:G}", ObjectiveKind.Dcca) { Ridge = ridge };

    public static HalvesObjective DccaEy(EyPenalty penalty) => new($"DCCA-EY, {(penalty == EyPenalty.IndependentHalves ? "unbiased halves" : "same batch")}", ObjectiveKind.DccaEy) { Penalty = penalty };
}

/// <summary>The halves network (<see cref="Halves"/>: 392 → 256 → 256 → 50 per view) trained on a <see cref="HalvesObjective"/>.</summary>
public sealed class TunableHalves : MultiViewModule
{
    private readonly Sequential Left;
    private readonly Sequential Right;
    private readonly nn.Module<IReadOnlyList<Tensor>, LossBreakdown>? softCca;
    private readonly DccaLoss? dcca;
    private readonly DccaEyLoss? dccaEy;

    public TunableHalves(HalvesObjective objective) : base(nameof(TunableHalves))
    {
        Left = Encoder();
        Right = Encoder();
        switch (objective.Kind)
        {
            case ObjectiveKind.SoftCca:
                softCca = new SoftCcaObjective([Halves.Embedding, Halves.Embedding], objective.Lambda, objective.Method, objective.Alpha, viewNames: ["Left.embed", "Right.embed"], norm: objective.Norm);
                break;
            case ObjectiveKind.Dcca:
                dcca = new DccaLoss(Halves.Embedding, objective.Ridge);
                break;
            case ObjectiveKind.DccaEy:
                dccaEy = new DccaEyLoss(objective.Penalty);
                break;
            default:
                throw new ArgumentException($"The halves comparison has no {objective.Kind} objective.", nameof(objective));
        }
        RegisterComponents();
        Info = new ModelInfo(objective.Label, objective.Kind,
            [new ViewInfo("Left", [Halves.Pixels], Halves.Embedding), new ViewInfo("Right", [Halves.Pixels], Halves.Embedding)],
            objective.Kind == ObjectiveKind.SoftCca
                ? [new DecorrelationInfo("Left", "embed", objective.Method, objective.Alpha, 1, objective.Norm), new DecorrelationInfo("Right", "embed", objective.Method, objective.Alpha, 1, objective.Norm)]
                : []);
    }

    static Sequential Encoder() => nn.Sequential(
        ("fc1", nn.Linear(Halves.Pixels, Halves.Hidden)), ("relu1", nn.ReLU()),
        ("fc2", nn.Linear(Halves.Hidden, Halves.Hidden)), ("relu2", nn.ReLU()),
        ("embed", nn.Linear(Halves.Hidden, Halves.Embedding)));

    public override ModelInfo Info { get; }

    public override MultiViewOutput forward(IReadOnlyList<Tensor> inputs)
    {
        var left = Left.call(inputs[0]);
        var right = Right.call(inputs[1]);
        return new MultiViewOutput([left, right], new Dictionary<string, Tensor> { ["Left.embed"] = left, ["Right.embed"] = right });
    }

    public override LossBreakdown ComputeLoss(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels = null)
    {
        if (softCca is not null) return softCca.call(output.Embeddings);
        if (dcca is not null) return LossBreakdown.Sum([("dcca", dcca.call(output.Embeddings[0], output.Embeddings[1]), 1)]);
        return LossBreakdown.Sum([("dcca_ey", dccaEy!.call(output.Embeddings), 1)]);
    }

    public override string Summary() => Info.Name;
}
