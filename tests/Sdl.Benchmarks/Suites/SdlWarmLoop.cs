using Sdl.Dsl;
using Sdl.Runtime.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// SDL's parts in warm loops (each timed over many consecutive calls, so its data and code stay in the
/// caches), beside the GEMM unit: the steady-state complement of sdl-parts' interleaved single calls.
/// SDL_LOOP_ONLY=name restricts the rows (for a profiler).
/// </summary>
internal static class SdlWarmLoop
{
    public static void Run(int k, int m = 512)
    {
        var loss = new StochasticDecorrelationLoss(k);
        var x = randn([m, k]).requires_grad_(true);
        var z = x.detach();
        var w = randn([k, k]);
        var y = randn([m, k]);
        int h = k / 2;
        var left = y.narrow(1, 0, h); var right = y.narrow(1, h, k - h);
        var inv = new float[k];
        var ul = left.t().mm(left); var ur = left.t().mm(right); var lr = right.t().mm(right);
        var tiny = randn([4, 4]).requires_grad_(true);
        var hist = zeros([k, k]); var e = empty([k, k]);
        int n = Math.Max(20, 3000 * 256 * 256 / (k * k));
        double Time(Action a) { for (int i = 0; i < 5; i++) using (NewDisposeScope()) a(); double t0 = Clock.NowMilliseconds(); for (int i = 0; i < n; i++) using (NewDisposeScope()) a(); return (Clock.NowMilliseconds() - t0) / n; }
        var rows = new (string, Action)[]
        {
            ("GEMM", () => z.mm(w)),
            ("YᵀY full", () => y.t().mm(y)),
            ("YᵀY 3 blocks", () => { left.t().mm(left); left.t().mm(right); right.t().mm(right); }),
            ("Y·E", () => y.mm(e)),
            ("centre", () => SdlCpuKernels.Centre(SdlCpuKernels.Memory(z), SdlCpuKernels.Memory(y), m, k, 1e-5, inv)),
            ("kk pass", () => SdlCpuKernels.UpdateAndDirection(SdlCpuKernels.Memory(ul), SdlCpuKernels.Memory(ur), SdlCpuKernels.Memory(lr), h, SdlCpuKernels.Memory(hist), true, k, m, 0.5, 1.5, SdlNorm.Squared, 1, inv, SdlCpuKernels.Memory(e))),
            ("fwd no grad", () => loss.forward(z)),
            ("fwd grad", () => loss.forward(x)),
            ("fwd+bwd", () => { loss.forward(x).backward(); x.grad!.zero_(); }),
            ("fwd+bwd null", () => { loss.forward(x).backward(); x.grad = null; }),
            ("add_ m×k", () => y.add_(z)),
            ("zero_ m×k", () => y.zero_()),
            ("tiny bwd", () => { tiny.sum().backward(); tiny.grad = null; }),
            ("GEMM again", () => z.mm(w)),
        };
        if (Environment.GetEnvironmentVariable("SDL_LOOP_ONLY") is string only) rows = rows.Where(r => r.Item1 == only).ToArray();
        {
            double fwd = 0, bwd = 0;
            for (int i = 0; i < n; i++)
                using (NewDisposeScope())
                {
                    double t0 = Clock.NowMilliseconds();
                    var l = loss.forward(x);
                    double t1 = Clock.NowMilliseconds();
                    l.backward();
                    double t2 = Clock.NowMilliseconds();
                    x.grad!.zero_();
                    if (i >= 5) { fwd += t1 - t0; bwd += t2 - t1; }
                }
            Console.WriteLine($"SDL² forward (with the gradient product) {fwd / (n - 5):F3} ms, backward() {bwd / (n - 5):F3} ms");
        }
        double gemm = Time(() => z.mm(w));
        foreach (var (name, action) in rows) { double t = Time(action); Console.WriteLine($"{name,-14} {t:F3} ms  ({t / gemm:F2} GEMM)"); }
    }
}
