using Sdl.Dsl;
using Sdl.Runtime.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

internal static class SdlProbe
{
    public static void Run(TextWriter output, int k, int batch = 512)
    {
        var generator = new Generator((ulong)k);
        var z = randn([batch, k], generator: generator);
        var weights = randn([k, k], generator: generator);
        var squared = new StochasticDecorrelationLoss(k, norm: SdlNorm.Squared);
        var input = z.clone().requires_grad_(true);
        var p = empty([k, k]);
        int h = k / 2;
        void Blocked()
        {
            var y1 = z.narrow(1, 0, h); var y2 = z.narrow(1, h, h);
            p.narrow(0, 0, h).narrow(1, 0, h).addmm_(y1.t(), y1, beta: 0, alpha: 1);
            p.narrow(0, 0, h).narrow(1, h, h).addmm_(y1.t(), y2, beta: 0, alpha: 1);
            p.narrow(0, h, h).narrow(1, h, h).addmm_(y2.t(), y2, beta: 0, alpha: 1);
            p.narrow(0, h, h).narrow(1, 0, h).copy_(p.narrow(0, 0, h).narrow(1, h, h).t());
        }
        var tiny = randn([4, 4]).requires_grad_(true);
        var results = SideBySide.Measure(
        [
            new Variant("GEMM", () => z.mm(weights)),
            new Variant("blocked", Blocked),
            new Variant("tiny sum fwd+bwd grad=null", () => { tiny.sum().backward(); tiny.grad = null; }),
            new Variant("m×k sum fwd+bwd grad=null", () => { input.sum().backward(); input.grad = null; }),
            new Variant("m×k sum fwd+bwd grad zero_", () => { input.sum().backward(); input.grad!.zero_(); }),
            new Variant("m×k clone", () => z.clone()),
            new Variant("m×k add_", () => input.detach().add_(z)),
            new Variant("fwd+bwd zero_", () => { squared.forward(input).backward(); input.grad!.zero_(); }),
            new Variant("fwd with grad", () => squared.forward(input)),
        ], 5, 41);
        foreach (var r in results) output.WriteLine($"| {r.Name} | {r.MedianMilliseconds:F3} | {r.MedianRatio:F2} |");
    }
}
