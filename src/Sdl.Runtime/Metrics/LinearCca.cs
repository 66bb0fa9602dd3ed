using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Metrics;

/// <summary>
/// Regularised linear CCA in float64: fit the canonical directions on one pair of views
/// (training embeddings), apply them to another (test embeddings), report the test correlations.
/// </summary>
/// <remarks>
/// Fitting whitens each view with <c>(Σ + r·I)^{-1/2}</c> and takes the SVD of
/// <c>T = Σ11^{-1/2} Σ12 Σ22^{-1/2}</c>, the same algebra as <see cref="DccaLoss"/>; the directions
/// are <c>Σ11^{-1/2} U</c> and <c>Σ22^{-1/2} V</c>, ordered by training correlation (largest first).
/// Test correlations are Pearson correlations of the projected test views, kept in that order
/// (not re-sorted on the test set, which would select components on test data).
/// </remarks>
internal sealed class LinearCca
{
    /// <summary>Guards the inverse square root against round-off only; the ridge is the regulariser.</summary>
    private const double EigenvalueFloor = 1e-12;

    private readonly double[] mean1, mean2;
    private readonly double[,] directions1, directions2;

    private LinearCca(double[] mean1, double[] mean2, double[,] directions1, double[,] directions2, double[] trainingCorrelations)
    {
        this.mean1 = mean1; this.mean2 = mean2;
        this.directions1 = directions1; this.directions2 = directions2;
        TrainingCorrelations = trainingCorrelations;
    }

    /// <summary>Number of canonical pairs kept.</summary>
    public int Components => TrainingCorrelations.Count;

    /// <summary>
    /// The singular values of the regularised T on the training views, largest first (with ridge 0
    /// these are the training canonical correlations; a ridge shrinks them).
    /// </summary>
    public IReadOnlyList<double> TrainingCorrelations { get; }

    /// <summary>Fits on rows = samples, columns = features; <paramref name="components"/> is capped at the narrower view's width.</summary>
    public static LinearCca Fit(double[,] view1, double[,] view2, int components, double ridge = 1e-4)
    {
        using var scope = NewDisposeScope();
        return Fit(ToTensor(view1), ToTensor(view2), components, ridge);
    }

    /// <summary>Fits on two [samples, features] tensors (any type or device; computed in float64 on the CPU).</summary>
    public static LinearCca Fit(Tensor view1, Tensor view2, int components, double ridge = 1e-4)
    {
        CheckPair(view1, view2);
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "Linear CCA needs at least one component.");
        if (ridge < 0 || double.IsNaN(ridge)) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge must be ≥ 0.");
        if (view1.shape[0] < 2) throw new ArgumentException("Linear CCA needs at least 2 samples.");

        using var scope = NewDisposeScope();
        var x1 = AsFloat64(view1);
        var x2 = AsFloat64(view2);
        var h1 = CanonicalCorrelation.Centre(x1);
        var h2 = CanonicalCorrelation.Centre(x2);
        var whiten1 = CanonicalCorrelation.InverseSquareRoot(CanonicalCorrelation.RegularisedCovariance(h1, ridge), EigenvalueFloor);
        var whiten2 = CanonicalCorrelation.InverseSquareRoot(CanonicalCorrelation.RegularisedCovariance(h2, ridge), EigenvalueFloor);
        var t = whiten1.matmul(CanonicalCorrelation.CrossCovariance(h1, h2)).matmul(whiten2);
        var (u, singular, vh) = linalg.svd(t, fullMatrices: false);
        int kept = (int)Math.Min(components, singular.shape[0]);

        return new LinearCca(
            x1.mean([0]).data<double>().ToArray(),
            x2.mean([0]).data<double>().ToArray(),
            ToArray(whiten1.matmul(u.narrow(1, 0, kept))),
            ToArray(whiten2.matmul(vh.narrow(0, 0, kept).t())),
            singular.narrow(0, 0, kept).data<double>().ToArray());
    }

    /// <summary>Test-set correlations of the fitted directions, in component order (largest training correlation first).</summary>
    public double[] Correlations(double[,] view1, double[,] view2)
    {
        using var scope = NewDisposeScope();
        return Correlations(ToTensor(view1), ToTensor(view2));
    }

    /// <inheritdoc cref="Correlations(double[,], double[,])"/>
    public double[] Correlations(Tensor view1, Tensor view2)
    {
        CheckPair(view1, view2);
        if (view1.shape[1] != mean1.Length || view2.shape[1] != mean2.Length)
            throw new ArgumentException($"Linear CCA was fitted on widths {mean1.Length} and {mean2.Length}, got {view1.shape[1]} and {view2.shape[1]}.");
        if (view1.shape[0] < 2) throw new ArgumentException("Correlations need at least 2 samples.");

        using var scope = NewDisposeScope();
        var centred1 = CanonicalCorrelation.Centre(ProjectFirst(view1));
        var centred2 = CanonicalCorrelation.Centre(ProjectSecond(view2));
        var correlation = (centred1 * centred2).sum([0]) / (centred1.square().sum([0]) * centred2.square().sum([0])).sqrt();
        return correlation.data<double>().ToArray();
    }

    /// <summary>
    /// View-1 samples (rows) in canonical coordinates: <c>(x − μ_train)·Σ11^{-1/2}U</c>, [n, components],
    /// float64 on the CPU. On the training data each coordinate has unit variance (with ridge 0), and
    /// coordinate j of the two views has correlation <see cref="TrainingCorrelations"/>[j]: the shared
    /// space in which retrieval can compare the views.
    /// </summary>
    public Tensor ProjectFirst(Tensor view1) => Project(view1, mean1, directions1);

    /// <summary>View-2 samples (rows) in canonical coordinates: <c>(y − μ_train)·Σ22^{-1/2}V</c>.</summary>
    public Tensor ProjectSecond(Tensor view2) => Project(view2, mean2, directions2);

    private static Tensor Project(Tensor view, double[] mean, double[,] directions)
    {
        if (view.dim() != 2 || view.shape[1] != mean.Length)
            throw new ArgumentException($"Linear CCA was fitted on {mean.Length} features for this view, got [{string.Join(", ", view.shape)}].");
        using var scope = NewDisposeScope();
        return (AsFloat64(view) - tensor(mean, float64)).matmul(ToTensor(directions)).MoveToOuterDisposeScope();
    }

    /// <summary>Sum of the test correlations of the first <paramref name="topK"/> components.</summary>
    public double TotalCorrelation(double[,] view1, double[,] view2, int topK) => SumFirst(Correlations(view1, view2), topK);

    /// <inheritdoc cref="TotalCorrelation(double[,], double[,], int)"/>
    public double TotalCorrelation(Tensor view1, Tensor view2, int topK) => SumFirst(Correlations(view1, view2), topK);

    private double SumFirst(double[] correlations, int topK)
    {
        if (topK < 1 || topK > Components)
            throw new ArgumentOutOfRangeException(nameof(topK), topK, $"topK must lie in [1, {Components}] (the fitted components).");
        return correlations.Take(topK).Sum();
    }

    private static void CheckPair(Tensor view1, Tensor view2)
    {
        if (view1.dim() != 2 || view2.dim() != 2)
            throw new ArgumentException($"Linear CCA expects two [samples, features] matrices, got [{string.Join(", ", view1.shape)}] and [{string.Join(", ", view2.shape)}].");
        if (view1.shape[0] != view2.shape[0])
            throw new ArgumentException($"The two views must have the same number of samples, got {view1.shape[0]} and {view2.shape[0]}.");
    }

    private static Tensor AsFloat64(Tensor t) => t.detach().to(float64, CPU);

    private static Tensor ToTensor(double[,] values) => tensor(values, float64);

    private static double[,] ToArray(Tensor matrix)
    {
        var flat = matrix.contiguous().data<double>().ToArray();
        int rows = (int)matrix.shape[0], columns = (int)matrix.shape[1];
        var result = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }
}
