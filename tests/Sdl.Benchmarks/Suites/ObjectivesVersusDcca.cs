using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Benchmarks.Suites;

/// <summary>
/// The Soft CCA objective (distance + λ·SDL of both views, float32) against exact DCCA (float64,
/// closed-form gradient), loss forward+backward on given embeddings (encoders excluded), m = 2048.
/// A second table shows the small-batch regime (k near or above m), where the textbook DCCA
/// differentiated by autograd (eigh + svdvals) stops giving finite gradients: the eigenvector
/// backward divides by eigenvalue gaps, and a batch of m samples leaves k − m + 1 eigenvalues
/// equal to the ridge.
/// </summary>
internal static class ObjectivesVersusDcca
{
    public static void Run(TextWriter output, int[] widths, int batch = 2048)
    {
        output.WriteLine($"## Soft CCA objective vs exact DCCA, loss forward+backward (m = {batch}, encoders excluded)");
        output.WriteLine();
        output.WriteLine("| k | Soft CCA + SDL (ms) | exact DCCA (ms) | DCCA / Soft CCA |");
        output.WriteLine("|---:|---:|---:|---:|");
        foreach (int k in widths)
        {
            var generator = new Generator((ulong)k);
            var shared = randn([batch, k], generator: generator);
            var view1 = (shared + 0.5 * randn([batch, k], generator: generator)).requires_grad_(true);
            var view2 = (shared + 0.5 * randn([batch, k], generator: generator)).requires_grad_(true);
            var softCca = ObjectiveFixtures.SoftCca([k, k], lambda: 1e-3);
            var dcca = new DccaLoss(topK: k, ridge: 1e-3);

            void ForwardBackward(Func<Tensor> loss)
            {
                loss().backward();
                view1.grad!.zero_();
                view2.grad!.zero_();
            }

            // Exact DCCA at k = 2048 costs seconds per call (two float64 eigendecompositions and an SVD):
            // few rounds there keep the program to minutes; small k get more rounds.
            var (warmUp, rounds) = k >= 2048 ? (0, 1) : k >= 1024 ? (1, 2) : k >= 512 ? (1, 5) : (3, 11);
            var results = SideBySide.Measure(
            [
                new Variant("Soft CCA", () => ForwardBackward(() => softCca.Call([view1, view2]).Total)),
                new Variant("DCCA", () => ForwardBackward(() => dcca.call(view1, view2))),
            ], warmUp, rounds);
            output.WriteLine($"| {k} | {results[0].MedianMilliseconds:F1} | {results[1].MedianMilliseconds:F1} | {results[1].MedianRatio:F1}× |");
        }
        output.WriteLine();
    }

    /// <summary>Loss and gradient finiteness of exact DCCA (ours and autograd's) as k passes the batch size.</summary>
    public static void RunSmallBatch(TextWriter output, int batch, int[] widths)
    {
        output.WriteLine($"## Exact DCCA when the batch is small relative to k (m = {batch}, ridge 1e-3, float64, top-k = k)");
        output.WriteLine();
        output.WriteLine("| k | DCCA loss | −min(k, m−1) | ‖gradient‖, closed form | ‖gradient‖, autograd (eigh + svdvals) |");
        output.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (int k in widths)
        {
            var generator = new Generator((ulong)(k + batch));
            var view1 = randn([batch, k], generator: generator).requires_grad_(true);
            var view2 = randn([batch, k], generator: generator).requires_grad_(true); // unrelated to view 1
            var loss = new DccaLoss(topK: k, ridge: 1e-3).call(view1, view2);
            loss.backward();
            double norm = GradientNorm(view1.grad!, view2.grad!);
            double autogradNorm = AutogradDccaGradientNorm(view1, view2, k, ridge: 1e-3);
            output.WriteLine($"| {k} | {loss.item<float>():F2} | {-Math.Min(k, batch - 1)} | {Describe(norm)} | {Describe(autogradNorm)} |");
        }
        output.WriteLine();
    }

    /// <summary>‖∇‖ of the textbook DCCA left to autograd in float64 (Σ^{-1/2} by eigh, top-k by svdvals); NaN if not finite.</summary>
    private static string Describe(double norm) => double.IsFinite(norm) ? norm.ToString("G3") : "**non-finite (NaN/inf)**";

    private static double GradientNorm(Tensor gradient1, Tensor gradient2) =>
        Math.Sqrt(gradient1.to(float64).square().sum().item<double>() + gradient2.to(float64).square().sum().item<double>());

    private static double AutogradDccaGradientNorm(Tensor view1, Tensor view2, long topK, double ridge)
    {
        using var scope = NewDisposeScope();
        var h1 = view1.detach().to(float64).requires_grad_(true);
        var h2 = view2.detach().to(float64).requires_grad_(true);
        Tensor Whitening(Tensor h)
        {
            var centred = h - h.mean([0], keepdim: true);
            var covariance = centred.t().mm(centred) / (h.shape[0] - 1) + ridge * eye(h.shape[1], dtype: float64);
            var (values, vectors) = linalg.eigh(covariance);
            return (vectors * values.rsqrt().unsqueeze(0)).mm(vectors.t());
        }
        var c1 = h1 - h1.mean([0], keepdim: true);
        var c2 = h2 - h2.mean([0], keepdim: true);
        var t = Whitening(h1).mm(c1.t().mm(c2) / (h1.shape[0] - 1)).mm(Whitening(h2));
        var loss = -linalg.svdvals(t).narrow(0, 0, topK).sum();
        loss.backward();
        return loss.isfinite().item<bool>() ? GradientNorm(h1.grad!, h2.grad!) : double.NaN;
    }
}
