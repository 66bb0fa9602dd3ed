using Sdl.Dsl;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Examples.Experiments.Models;

/// <summary>
/// The <see cref="SoftCcaSdl"/> network written by hand, with the decorrelation, α and λ chosen at
/// run time, for the hyperparameter sweeps (a declared model fixes them at compile time). Same
/// layers, same loss terms.
/// </summary>
public sealed class TunableSoftCca : MultiViewModule
{
    private readonly Sequential Left;
    private readonly Sequential Right;
    private readonly nn.Module<Tensor, Tensor> decorrelate_Left_embed;
    private readonly nn.Module<Tensor, Tensor> decorrelate_Right_embed;
    private readonly SoftCcaDistance distance;
    private readonly double lambda;
    private readonly string term;

    public TunableSoftCca(double alpha, double lambda, DecorrelationMethod method = DecorrelationMethod.Sdl) : base(nameof(TunableSoftCca))
    {
        Left = Encoder();
        Right = Encoder();
        if (method == DecorrelationMethod.None) throw new ArgumentException("Use SoftCcaNoDecorrelation for the model without decorrelation.", nameof(method));
        decorrelate_Left_embed = Decorrelation.Create(method, Halves.Embedding, alpha)!;
        decorrelate_Right_embed = Decorrelation.Create(method, Halves.Embedding, alpha)!;
        distance = new SoftCcaDistance();
        this.lambda = lambda;
        term = method.ToString().ToLowerInvariant();
        RegisterComponents();
        Info = new ModelInfo(
            method == DecorrelationMethod.Sdl ? $"Soft CCA (SDL, α = {alpha:G}, λ = {lambda:G})" : $"Soft CCA ({method}, λ = {lambda:G})",
            ObjectiveKind.SoftCca,
            [new ViewInfo("Left", [Halves.Pixels], Halves.Embedding), new ViewInfo("Right", [Halves.Pixels], Halves.Embedding)],
            [new DecorrelationInfo("Left", "embed", method, alpha, 1), new DecorrelationInfo("Right", "embed", method, alpha, 1)]);
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

    public override LossBreakdown ComputeLoss(MultiViewOutput output, IReadOnlyList<Tensor> inputs, Tensor? labels = null) =>
        LossBreakdown.Sum(
        [
            ("distance", distance.call(output.Embeddings), 1),
            ($"{term}(Left.embed)", decorrelate_Left_embed.call(output.Taps["Left.embed"]), lambda),
            ($"{term}(Right.embed)", decorrelate_Right_embed.call(output.Taps["Right.embed"]), lambda),
        ]);

    public override string Summary() => Info.Name;
}
