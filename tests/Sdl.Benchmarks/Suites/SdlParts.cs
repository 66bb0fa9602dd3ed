using Sdl.Runtime.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>Where SDL's time goes: each step of the hand-derived forward and backward, in GEMM units.</summary>
internal static class SdlParts
{
    public static void Run(TextWriter output, int k, int batch = 512)
    {
        var generator = new Generator((ulong)k);
        var z = randn([batch, k], generator: generator);
        var weights = randn([k, k], generator: generator);
        var buffer = randn([k, k], generator: generator);
        var signs = buffer.sign();
        var scale = rand([k], generator: generator);
        var sdl = new StochasticDecorrelationLoss(k);
        var input = z.clone().requires_grad_(true);

        var results = SideBySide.Measure(
        [
            new Variant("GEMM m×k · k×k", () => z.mm(weights)),
            new Variant("buffer.addmm_(Zᵀ, Z) (k×k from m)", () => buffer.addmm_(z.t(), z, beta: 0.9f, alpha: 1)),
            new Variant("normalise: mean, sum of squares, scale (as used)", () =>
            {
                var centred = z - z.mean([0], keepdim: true);
                centred.mul_(centred.square().sum([0], keepdim: true).div_(batch).add_(1e-5).rsqrt_());
            }),
            new Variant("normalise with var_mean (not used: slower)", () => { var (v, mu) = var_mean(z, [0], unbiased: false); addcmul(mu, z, v, value: 1); }),
            new Variant("norm(k×k, p = 1) (the loss value)", () => buffer.norm(1f)),
            new Variant("sign(k×k)", () => buffer.sign()),
            new Variant("Ẑ·S (backward product)", () => z.mm(signs)),
            new Variant("backward batch-norm chain", () => { var g = z * scale; var p = (g * z).sum([0], keepdim: true); g.addcmul_(z, p, value: -1).mul_(scale); }),
            new Variant("autograd engine: sum().backward(), grad.zero_() (every loss pays it)", () => { input.sum().backward(); input.grad!.zero_(); }),
            new Variant("SDL forward (no grad)", () => sdl.forward(z)),
            new Variant("SDL forward+backward", () => { sdl.forward(input).backward(); input.grad!.zero_(); }),
        ], warmUp: 3, rounds: 15);

        output.WriteLine($"## Where SDL's time goes (m = {batch}, k = {k}, float32)");
        output.WriteLine();
        output.WriteLine("| step | ms | × GEMM |");
        output.WriteLine("|---|---:|---:|");
        foreach (var r in results) output.WriteLine($"| {r.Name} | {r.MedianMilliseconds:F3} | {r.MedianRatio:F2} |");
        output.WriteLine();
    }
}
