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
        int split = k / 2;
        var inv = new float[k];
        var hist = zeros([k, k]);
        void Manual(bool withE)
        {
            var act = z.contiguous();
            var centred = empty([batch, k]);
            SdlCpuKernels.Centre(SdlCpuKernels.Memory(act), SdlCpuKernels.Memory(centred), batch, k, 1e-5, inv);
            var left = centred.narrow(1, 0, split); var right = centred.narrow(1, split, k - split);
            var ul = left.t().mm(left); var ur = left.t().mm(right); var lr = right.t().mm(right);
            var e = withE ? empty([k, k]) : null;
            SdlCpuKernels.UpdateAndDirection(SdlCpuKernels.Memory(ul), SdlCpuKernels.Memory(ur), SdlCpuKernels.Memory(lr), split, SdlCpuKernels.Memory(hist), true, k, batch, 0.5, 1.5, SdlNorm.Squared, 1, inv, e is null ? default : SdlCpuKernels.Memory(e));
            tensor(1.0f);
        }
        var results = SideBySide.Measure(
        [
            new Variant("GEMM", () => z.mm(weights)),
            new Variant("sdl fwd no grad", () => squared.forward(z)),
            new Variant("manual fwd no E", () => Manual(false)),
            new Variant("manual fwd with E", () => Manual(true)),
            new Variant("4x4 blocks upper (10 mm)", () => { int q = k / 4; var b = Enumerable.Range(0, 4).Select(c => z.narrow(1, c * q, q)).ToArray(); for (int a = 0; a < 4; a++) for (int c = a; c < 4; c++) b[a].t().mm(b[c]); }),
            new Variant("3x3 blocks upper (6 mm)", () => { int q = k / 3; var b = Enumerable.Range(0, 3).Select(c => z.narrow(1, c * q, c == 2 ? k - 2 * q : q)).ToArray(); for (int a = 0; a < 3; a++) for (int c = a; c < 3; c++) b[a].t().mm(b[c]); }),
            new Variant("trivial function apply", () => Trivial.apply(z)),
            new Variant("trivial function apply + scope", () => { using (NewDisposeScope()) Trivial.apply(z).MoveToOuterDisposeScope(); }),
            new Variant("3 block mm", () => { var c = z; var left = c.narrow(1, 0, split); var right = c.narrow(1, split, k - split); left.t().mm(left); left.t().mm(right); right.t().mm(right); }),
            new Variant("centre", () => SdlCpuKernels.Centre(SdlCpuKernels.Memory(z), SdlCpuKernels.Memory(weights.narrow(0,0,1)), 0, 0, 1e-5, inv)),
        ], 5, 41);
        foreach (var r in results) output.WriteLine($"| {r.Name} | {r.MedianMilliseconds:F3} | {r.MedianRatio:F2} |");
    }

    private sealed class Trivial : autograd.SingleTensorFunction<Trivial>
    {
        public override string Name => "trivial";
        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars) => tensor(1f);
        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput) => [gradOutput];
    }
}
