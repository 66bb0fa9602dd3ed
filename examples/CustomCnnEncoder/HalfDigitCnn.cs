using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Examples.CustomCnnEncoder;

/// <summary>
/// A hand-written TorchSharp encoder for one 28 × 14 half digit: two conv/pool stages, then two
/// dense layers. Its module fields are what <c>[Decorrelate(Layer = ...)]</c> can name; every layer is
/// invoked with <c>.call</c>, so the hooks the generated model installs on them fire.
/// </summary>
public sealed class HalfDigitCnn : nn.Module<Tensor, Tensor>
{
    public const int Embedding = 10;

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly MaxPool2d pool;
    private readonly Linear fc1;
    private readonly Linear fc2;

    public HalfDigitCnn() : base(nameof(HalfDigitCnn))
    {
        conv1 = nn.Conv2d(1, 16, kernel_size: 3, padding: 1);
        conv2 = nn.Conv2d(16, 32, kernel_size: 3, padding: 1);
        pool = nn.MaxPool2d(kernel_size: 2);
        // 28 × 14 → pool → 14 × 7 → pool → 7 × 3 (floor), with 32 channels.
        fc1 = nn.Linear(32 * 7 * 3, 128);
        fc2 = nn.Linear(128, Embedding);
        RegisterComponents();
    }

    public override Tensor forward(Tensor halfImage)
    {
        var x = pool.call(nn.functional.relu(conv1.call(halfImage)));
        x = pool.call(nn.functional.relu(conv2.call(x)));
        x = nn.functional.relu(fc1.call(x.flatten(1)));
        return fc2.call(x);
    }
}
