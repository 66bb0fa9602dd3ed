using Sdl.Runtime.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// SDL forward+backward against one m×k×k matrix product (the unit its cost is counted in: the
/// hand-derived version needs two such products, the floor), m = 512, float32.
/// </summary>
internal static class SdlVersusGemm
{
    public static void Run(TextWriter output, int[] widths, int batch = 512)
    {
        output.WriteLine($"## SDL forward+backward vs one m×k×k GEMM (m = {batch}, float32, training mode)");
        output.WriteLine();
        output.WriteLine("| k | GEMM (ms) | SDL hand-derived fwd+bwd (ms) | ratio | SDL autograd fwd+bwd (ms) | ratio | SDL forward only | ratio |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int k in widths)
        {
            var generator = new Generator((ulong)k);
            var activations = randn([batch, k], generator: generator).requires_grad_(true);
            var weights = randn([k, k], generator: generator);
            var handDerived = new StochasticDecorrelationLoss(k) { Gradient = SdlGradient.HandDerived };
            var autograd = new StochasticDecorrelationLoss(k) { Gradient = SdlGradient.Autograd };

            void ForwardBackward(StochasticDecorrelationLoss sdl)
            {
                sdl.forward(activations).backward();
                activations.grad!.zero_();
            }

            var (warmUp, rounds) = k >= 2048 ? (2, 9) : (5, 25);
            var results = SideBySide.Measure(
            [
                new Variant("GEMM", () => activations.detach().mm(weights)),
                new Variant("SDL hand-derived", () => ForwardBackward(handDerived)),
                new Variant("SDL autograd", () => ForwardBackward(autograd)),
                new Variant("SDL forward", () => handDerived.forward(activations.detach())),
            ], warmUp, rounds);
            output.WriteLine($"| {k} | {results[0].MedianMilliseconds:F2} | {results[1].MedianMilliseconds:F2} | **{results[1].MedianRatio:F2}×** | {results[2].MedianMilliseconds:F2} | {results[2].MedianRatio:F2}× | {results[3].MedianMilliseconds:F2} | {results[3].MedianRatio:F2}× |");
        }
        output.WriteLine();
    }
}
