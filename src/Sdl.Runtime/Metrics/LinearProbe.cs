using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Metrics;

/// <summary>
/// A linear probe: multinomial logistic regression on standardised embeddings, fitted in float64
/// by Nesterov-accelerated full-batch gradient descent with an L2 penalty; reports classification
/// accuracy on other embeddings.
/// </summary>
/// <remarks>
/// The objective is <c>mean cross-entropy + (weightDecay/2)·‖W‖²</c> (bias not penalised). The
/// penalty makes it strongly convex, so it has one minimiser even on separable data, and the step
/// <c>1/L</c> with <c>L = ½·λ_max([X 1]ᵀ[X 1]/n) + weightDecay</c> (the log-sum-exp Hessian is at
/// most ½·I) converges without a learning rate to tune. Deterministic: no random initialisation.
/// </remarks>
public sealed class LinearProbe
{
    private readonly double[] mean, scale;
    private readonly double[,] weights; // [features + 1, classes]: the last row is the bias

    private LinearProbe(double[] mean, double[] scale, double[,] weights)
    {
        this.mean = mean; this.scale = scale; this.weights = weights;
    }

    /// <summary>Number of classes the probe separates.</summary>
    public int Classes => weights.GetLength(1);
    /// <summary>Accuracy of the fitted probe on its own training embeddings (a check of fit, not of generalisation).</summary>
    public double TrainingAccuracy { get; private set; }

    /// <param name="embeddings">[n, d] training embeddings.</param>
    /// <param name="labels">n class labels in [0, classes).</param>
    /// <param name="classes">Number of classes (the largest label + 1 by default).</param>
    /// <param name="weightDecay">L2 penalty (&gt; 0).</param>
    /// <param name="iterations">Gradient steps (full batch).</param>
    public static LinearProbe Fit(Tensor embeddings, Tensor labels, int? classes = null, double weightDecay = 1e-4, int iterations = 500)
    {
        if (embeddings.dim() != 2) throw new ArgumentException($"The probe expects [n, d] embeddings, got [{string.Join(", ", embeddings.shape)}].");
        long n = embeddings.shape[0], d = embeddings.shape[1];
        if (labels.dim() != 1 || labels.shape[0] != n) throw new ArgumentException($"Expected {n} labels, got shape [{string.Join(", ", labels.shape)}].");
        if (!(weightDecay > 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be > 0.");
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "At least one iteration.");

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var y = labels.detach().to(int64, CPU);
        long minLabel = y.min().item<long>(), maxLabel = y.max().item<long>();
        int classCount = classes ?? (int)(maxLabel + 1);
        if (minLabel < 0 || maxLabel >= classCount) throw new ArgumentException($"Labels must lie in [0, {classCount}), found [{minLabel}, {maxLabel}].");

        var x = embeddings.detach().to(float64, CPU);
        var mean = x.mean([0]);
        // Constant features get scale 1 rather than a division by zero.
        var std = x.std([0], unbiased: false);
        var scale = where(std > 1e-12, std, ones_like(std));
        var design = cat([(x - mean) / scale, ones(n, 1, dtype: float64)], 1);
        var targets = nn.functional.one_hot(y, classCount).to(float64);
        var penalty = ones(d + 1, 1, dtype: float64);
        penalty[d] = 0; // the bias is not penalised

        double lipschitz = 0.5 * linalg.eigvalsh(design.t().mm(design) / n).max().item<double>() + weightDecay;
        double step = 1 / lipschitz;
        var w = zeros(d + 1, classCount, dtype: float64);
        var lookAhead = w.clone();
        for (int t = 1; t <= iterations; t++)
        {
            using var stepScope = NewDisposeScope();
            var probabilities = design.mm(lookAhead).softmax(1);
            var gradient = design.t().mm(probabilities - targets) / n + weightDecay * penalty * lookAhead;
            var next = lookAhead - step * gradient;
            lookAhead.copy_(next + (t - 1.0) / (t + 2.0) * (next - w));
            w.copy_(next);
        }

        var weights = new double[d + 1, classCount];
        Buffer.BlockCopy(w.contiguous().data<double>().ToArray(), 0, weights, 0, weights.Length * sizeof(double));
        var probe = new LinearProbe(mean.data<double>().ToArray(), scale.data<double>().ToArray(), weights);
        probe.TrainingAccuracy = probe.Accuracy(embeddings, labels);
        return probe;
    }

    /// <summary>The predicted class of each row.</summary>
    public long[] Predict(Tensor embeddings)
    {
        if (embeddings.dim() != 2 || embeddings.shape[1] != mean.Length)
            throw new ArgumentException($"The probe was fitted on {mean.Length} features, got [{string.Join(", ", embeddings.shape)}].");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = (embeddings.detach().to(float64, CPU) - tensor(mean, float64)) / tensor(scale, float64);
        var w = tensor(weights, float64);
        var logits = x.mm(w.narrow(0, 0, mean.Length)) + w[mean.Length];
        return logits.argmax(1).data<long>().ToArray();
    }

    /// <summary>Fraction of rows whose predicted class equals the label.</summary>
    public double Accuracy(Tensor embeddings, Tensor labels)
    {
        var predicted = Predict(embeddings);
        using var scope = NewDisposeScope();
        var expected = labels.detach().to(int64, CPU).data<long>().ToArray();
        if (expected.Length != predicted.Length) throw new ArgumentException($"Expected {predicted.Length} labels, got {expected.Length}.");
        return predicted.Zip(expected).Count(p => p.First == p.Second) / (double)predicted.Length;
    }
}
