using Sdl.Runtime.Losses;
using Sdl.Runtime.Objectives;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Generators.Benchmarks;

/// <summary>
/// <see cref="BenchmarkHalves"/> as a careful person would write it directly in TorchSharp: the same layers, state_dict
/// keys and loss (Soft CCA distance + λ·SDL on each embedding), with no taps dictionary and no loss breakdown.
/// </summary>
public sealed class HandWrittenHalves : nn.Module<Tensor, Tensor, Tensor>
{
    private const double Lambda = 1e-3;

    private readonly Encoder Left;
    private readonly Encoder Right;
    private readonly StochasticDecorrelationLoss sdl_Left_embed;
    private readonly StochasticDecorrelationLoss sdl_Right_embed;
    private readonly SoftCcaDistance distance;

    public HandWrittenHalves() : base(nameof(HandWrittenHalves))
    {
        Left = new Encoder("Left");
        Right = new Encoder("Right");
        sdl_Left_embed = new StochasticDecorrelationLoss(50);
        sdl_Right_embed = new StochasticDecorrelationLoss(50);
        distance = new SoftCcaDistance();
        RegisterComponents();
    }

    /// <summary>The training loss of one batch.</summary>
    public override Tensor forward(Tensor left, Tensor right)
    {
        var z1 = Left.call(left);
        var z2 = Right.call(right);
        return distance.call([z1, z2]) + Lambda * (sdl_Left_embed.call(z1) + sdl_Right_embed.call(z2));
    }

    private sealed class Encoder : nn.Module<Tensor, Tensor>
    {
        private readonly Linear fc1 = nn.Linear(392, 1024);
        private readonly Linear fc2 = nn.Linear(1024, 1024);
        private readonly Linear embed = nn.Linear(1024, 50);

        public Encoder(string name) : base(name) => RegisterComponents();

        public override Tensor forward(Tensor x) =>
            embed.call(nn.functional.relu(fc2.call(nn.functional.relu(fc1.call(x)))));
    }
}
