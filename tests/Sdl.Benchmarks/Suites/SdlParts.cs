using Sdl.Dsl;
using Sdl.Runtime.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// Where SDL's time goes, in GEMM units: each step of the float32 CPU path (SdlCpuKernels) as used,
/// beside the libtorch operations it replaced, so that each choice is kept or rejected by a figure.
/// </summary>
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
        var centred = empty([batch, k]);
        var inverseStd = new float[k];
        int split = k / 2;
        var left = z.narrow(1, 0, split);
        var right = z.narrow(1, split, k - split);
        var upperLeft = left.t().mm(left);
        var upperRight = left.t().mm(right);
        var lowerRight = right.t().mm(right);
        var history = zeros([k, k]);
        var backwardMatrix = empty([k, k]);
        var squared = new StochasticDecorrelationLoss(k, norm: SdlNorm.Squared);
        var l1 = new StochasticDecorrelationLoss(k, norm: SdlNorm.L1);
        var input = z.clone().requires_grad_(true);

        void KkPass(SdlNorm norm) => SdlCpuKernels.UpdateAndDirection(
            SdlCpuKernels.Memory(upperLeft), SdlCpuKernels.Memory(upperRight), SdlCpuKernels.Memory(lowerRight), split,
            SdlCpuKernels.Memory(history), update: true, k, batch, 0.5, 1.5, norm, 1.0, inverseStd, SdlCpuKernels.Memory(backwardMatrix));

        // Rounds as in `sdl`: at k = 256 a round takes milliseconds, and 15 single cold calls left the
        // medians at the mercy of one busy moment on a shared machine (L1 3.26× in one run, 2.2× the next).
        var (warmUp, rounds) = k >= 2048 ? (2, 15) : k >= 1024 ? (3, 31) : (5, 61);
        var results = SideBySide.Measure(
        [
            new Variant("GEMM m×k · k×k", () => z.mm(weights)),
            new Variant("used: YᵀY by symmetric blocks (P11, P12, P22: three `mm` of half width)", () => { left.t().mm(left); left.t().mm(right); right.t().mm(right); }),
            new Variant("replaced: YᵀY as one `mm`", () => z.t().mm(z)),
            new Variant("replaced: `buffer.addmm_(Zᵀ, Z)` with β = α (fuses the update, but needs Ẑ scaled on the m×k side)", () => buffer.addmm_(z.t(), z, beta: 0.9f, alpha: 1)),
            new Variant("used: centre + column statistics, fused (2 reads of Z)", () => SdlCpuKernels.Centre(SdlCpuKernels.Memory(z), SdlCpuKernels.Memory(centred), batch, k, 1e-5, inverseStd)),
            new Variant("replaced: libtorch mean, sum of squares, scale", () =>
            {
                var c = z - z.mean([0], keepdim: true);
                c.mul_(c.square().sum([0], keepdim: true).div_(batch).add_(1e-5).rsqrt_());
            }),
            new Variant("used: k×k pass, squared (history, value, E with the batch-norm chain, lower-left transposes)", () => KkPass(SdlNorm.Squared)),
            new Variant("used: k×k pass, L1 (same)", () => KkPass(SdlNorm.L1)),
            new Variant("replaced: libtorch `norm(k×k, p = 1)` + `sign` (L1 value and S)", () => { buffer.norm(1f); buffer.sign(); }),
            new Variant("used: Y·E (the whole backward as one product; run in the forward while Y and E are cached)", () => centred.mm(backwardMatrix)),
            new Variant("replaced: libtorch backward batch-norm chain after Ẑ·S", () => { var g = z * scale; var p = (g * z).sum([0], keepdim: true); g.addcmul_(z, p, value: -1).mul_(scale); }),
            new Variant("autograd engine: `sum().backward()`, `grad.zero_()` (every loss pays it)", () => { input.sum().backward(); input.grad!.zero_(); }),
            new Variant("SDL² forward (no grad)", () => squared.forward(z)),
            new Variant("SDL L1 forward (no grad)", () => l1.forward(z)),
            new Variant("SDL² forward+backward", () => { squared.forward(input).backward(); input.grad!.zero_(); }),
            new Variant("SDL L1 forward+backward", () => { l1.forward(input).backward(); input.grad!.zero_(); }),
        ], warmUp, rounds);

        output.WriteLine($"## Where SDL's time goes (m = {batch}, k = {k}, float32)");
        output.WriteLine();
        output.WriteLine("| step | ms | × GEMM |");
        output.WriteLine("|---|---:|---:|");
        foreach (var r in results) output.WriteLine($"| {r.Name} | {r.MedianMilliseconds:F3} | {r.MedianRatio:F2} |");
        output.WriteLine($"| squared / L1 (forward+backward, per round) | | {SideBySide.MedianRatio(results[^2], results[^1]):F3} |");
        output.WriteLine();
    }
}
