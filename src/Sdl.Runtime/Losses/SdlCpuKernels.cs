using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sdl.Dsl;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Losses;

/// <summary>
/// SDL's element-wise work on float32 CPU tensors, written as fused vector loops over the tensors'
/// memory. libtorch runs each element-wise operation as its own pass (centre, square, sum, scale,
/// sign, norm, ...); on a CPU whose GEMM is fast those passes, not the two products, decided SDL's
/// cost (sdl-parts: 0.5 GEMM of normalisation and 0.45 of backward batch-norm chain at k = 256).
/// Here the m×k batch is read twice (column sums; centring with the sum of squares) and the k×k
/// product once, and the whole backward becomes one product <c>Y·E</c>.
/// </summary>
/// <remarks>
/// <para>Notation: <c>Y = Z − μ</c> (centred, not scaled), <c>σ⁻¹</c> the batch norm's inverse
/// standard deviations, <c>s = σ⁻¹/√(m−1)</c>, <c>P = YᵀY</c>, so <c>Σ_mini = diag(s)·P·diag(s)</c>:
/// the scaling (not the centring) is folded into the k×k side, where it costs one multiplication
/// per entry and no cancellation. The centring stays on the m×k side on purpose: the raw-moment
/// route <c>ZᵀZ − m·μμᵀ</c> cancels catastrophically in float32 when |μ| ≫ σ.</para>
/// <para>Backward: with <c>D = ∂L/∂Φ</c> off the diagonal and <c>q_j = Σ_l Σ_mini,jl·D_jl</c> (the batch
/// norm's projection term, <c>Σ_rows(G ⊙ Ẑs)</c> of the m×k form, computed here on the k×k side),
/// <c>∂L/∂Z = Y·E</c> with <c>E = K·diag(σ⁻¹)·(D − ((m−1)/m)·diag(q))·diag(σ⁻¹)</c>,
/// <c>K = 2r/((m−1)·c)</c>, r the reduction's scale. E is built in the same pass as the loss value.</para>
/// </remarks>
internal static unsafe class SdlCpuKernels
{
    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr handle);

    /// <summary>True when <paramref name="tensor"/> is float32, on the CPU and contiguous: its memory can be read directly.</summary>
    public static bool IsDirectFloat32(Tensor tensor) =>
        tensor.dtype == ScalarType.Float32 && tensor.device_type == DeviceType.CPU && tensor.is_contiguous();

    /// <summary>The elements of a contiguous float32 CPU tensor, in place. The tensor must outlive the span.</summary>
    public static Span<float> Memory(Tensor tensor) => new((void*)THSTensor_data(tensor.Handle), checked((int)tensor.numel()));

    /// <summary>
    /// <c>Y = Z − μ</c> (written to <paramref name="centred"/>) and the inverse standard deviations
    /// <c>1/√(Σ_i Y_ij²/m + ε)</c>. Two reads of Z: the column sums (accumulated in float64, so the
    /// mean stays exact to float32 rounding for any offset), then the centring with the sum of squares.
    /// Both run over blocks of columns, rows inner, so that the accumulators stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation from the first call: no tier-0 epoch
    public static void Centre(ReadOnlySpan<float> z, Span<float> centred, int m, int k, double epsilon, Span<float> inverseStd)
    {
        if (z.Length < m * k || centred.Length < m * k || inverseStd.Length < k) throw new ArgumentException("Spans shorter than m×k.");
        // Rows outer, four at a time, columns inner: Z streams through once per pass, and the k
        // accumulators (in L1) are touched once per four rows. (Column blocks with rows inner keep the
        // accumulators in registers but walk Z with a power-of-two stride, which thrashes L1's sets:
        // measured 2× slower.)
        int width = Vector<float>.Count, vectorEnd = k - k % width, rowEnd = m - m % 4;
        var sums = new double[k];
        var mean = new float[k];
        var squares = new float[k];
        fixed (float* zBase = z, yBase = centred, inverseBase = inverseStd, meanBase = mean, squaresBase = squares)
        fixed (double* sumsBase = sums)
        {
            for (int i = 0; i < m; i += 4)
            {
                int rows = Math.Min(4, m - i);
                float* r0 = zBase + (long)i * k;
                for (int j = 0; j < vectorEnd; j += width)
                {
                    Vector<float> x = Load(r0 + j);
                    for (int r = 1; r < rows; r++) x += Load(r0 + (long)r * k + j); // four float adds: exact enough, then float64
                    Vector.Widen(x, out var low, out var high);
                    Unsafe.WriteUnaligned(sumsBase + j, Unsafe.ReadUnaligned<Vector<double>>(sumsBase + j) + low);
                    Unsafe.WriteUnaligned(sumsBase + j + width / 2, Unsafe.ReadUnaligned<Vector<double>>(sumsBase + j + width / 2) + high);
                }
                for (int j = vectorEnd; j < k; j++)
                    for (int r = 0; r < rows; r++) sumsBase[j] += r0[(long)r * k + j];
            }
            for (int j = 0; j < k; j++) meanBase[j] = (float)(sumsBase[j] / m);

            for (int i = 0; i < m; i += 4)
            {
                int rows = Math.Min(4, m - i);
                float* z0 = zBase + (long)i * k, y0 = yBase + (long)i * k;
                for (int j = 0; j < vectorEnd; j += width)
                {
                    var mu = Load(meanBase + j);
                    var sum = Load(squaresBase + j);
                    for (int r = 0; r < rows; r++)
                    {
                        var y = Load(z0 + (long)r * k + j) - mu;
                        Store(y0 + (long)r * k + j, y);
                        sum += y * y;
                    }
                    Store(squaresBase + j, sum);
                }
                for (int j = vectorEnd; j < k; j++)
                    for (int r = 0; r < rows; r++)
                    {
                        float y = z0[(long)r * k + j] - meanBase[j];
                        y0[(long)r * k + j] = y;
                        squaresBase[j] += y * y;
                    }
            }
            for (int j = 0; j < k; j++) inverseBase[j] = InverseStd(squaresBase[j], m, epsilon);
        }
    }

    private static float InverseStd(float sumOfSquares, int m, double epsilon) => (float)(1 / Math.Sqrt(sumOfSquares / (double)m + epsilon));

    /// <summary>
    /// One pass over <c>P = YᵀY</c>, given as its blocks over the column split at
    /// <paramref name="split"/> (<c>P11</c>, <c>P12</c>, <c>P22</c>; <c>P21 = P12ᵀ</c> is never computed:
    /// the symmetric product costs three quarters of a full one), or whole when <paramref name="split"/> = k.
    /// Gives the updated history <c>A = α·A_old + Σ_mini</c> (written back to <paramref name="history"/>
    /// when <paramref name="update"/>), the loss value <c>r·Σ_{i≠j} (A_ij/c)²</c> or <c>r·Σ_{i≠j} |A_ij|/c</c>,
    /// and, when <paramref name="backward"/> is not empty, the backward matrix E of the remarks above.
    /// The lower-left blocks of A and E are the transposes of the upper-right ones (both are symmetric).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double UpdateAndDirection(
        ReadOnlySpan<float> upperLeft, ReadOnlySpan<float> upperRight, ReadOnlySpan<float> lowerRight, int split,
        Span<float> history, bool update, int k, int m, double alpha, double normaliser,
        SdlNorm norm, double reductionScale, ReadOnlySpan<float> inverseStd, Span<float> backward)
    {
        int h = split, rest = k - split;
        if (upperLeft.Length < h * h || upperRight.Length < h * rest || lowerRight.Length < rest * rest || history.Length < k * k
            || inverseStd.Length < k || (!backward.IsEmpty && backward.Length < k * k))
            throw new ArgumentException("Spans shorter than their blocks.");
        var pass = new RowPass
        {
            Squared = norm == SdlNorm.Squared,
            Update = update,
            WithBackward = !backward.IsEmpty,
            Alpha = (float)alpha,
            TwoOverC = (float)(2 / normaliser),
            GradientScale = 2 * reductionScale / ((m - 1.0) * normaliser),
        };
        var s = new float[k];
        var columnProjection = new float[rest];
        double rootRows = Math.Sqrt(m - 1.0);
        for (int j = 0; j < k; j++) s[j] = (float)(inverseStd[j] / rootRows);
        double total = 0, upperRightTotal = 0;

        fixed (float* ulBase = upperLeft, urBase = upperRight, lrBase = lowerRight, aBase = history, eBase = backward, sBase = s, inverseBase = inverseStd, columnBase = columnProjection)
        {
            for (int i = 0; i < k; i++)
            {
                float value = 0, projection = 0, rightValue = 0;
                float si = sBase[i], rowWeight = (float)(pass.GradientScale * inverseBase[i]);
                float* a = aBase + (long)i * k, e = eBase + (long)i * k;
                if (i < h)
                {
                    pass.Segment(ulBase + (long)i * h, a, e, sBase, inverseBase, h, i, si, rowWeight, null, ref value, ref projection);
                    if (rest > 0)
                        pass.Segment(urBase + (long)i * rest, a + h, e + h, sBase + h, inverseBase + h, rest, -1, si, rowWeight, columnBase, ref rightValue, ref projection);
                }
                else
                {
                    // Row i's left part is column i of the upper-right block: its value is counted with that
                    // block (twice), its projection was gathered column by column.
                    int r = i - h;
                    pass.Segment(lrBase + (long)r * rest, a + h, e + h, sBase + h, inverseBase + h, rest, r, si, rowWeight, null, ref value, ref projection);
                    projection += columnBase[r];
                }
                total += value;
                upperRightTotal += rightValue;
                if (pass.WithBackward)
                    e[i] = (float)(-pass.GradientScale * inverseBase[i] * inverseBase[i] * ((m - 1.0) / m) * projection);
            }
            if (rest > 0)
            {
                if (update) TransposeUpperRight(aBase, k, h);
                if (pass.WithBackward) TransposeUpperRight(eBase, k, h);
            }
        }
        total += 2 * upperRightTotal;
        return pass.Squared
            ? total * reductionScale / (normaliser * normaliser)
            : total * reductionScale / normaliser;
    }

    /// <summary>The per-step constants of <see cref="UpdateAndDirection"/> and its work on one row segment.</summary>
    private struct RowPass
    {
        public bool Squared, Update, WithBackward;
        public float Alpha, TwoOverC;
        public double GradientScale;

        /// <summary>
        /// Columns <c>[0, length)</c> of a row segment: <c>p</c>, <c>a</c>, <c>e</c>, <c>s</c> and <c>σ⁻¹</c>
        /// point at the segment's first column. The entry at <paramref name="diagonal"/> (−1: none)
        /// is updated but takes no part in value, direction or projection. With
        /// <paramref name="columnProjection"/>, each column's <c>Σ_mini·D</c> is also added there.
        /// </summary>
        public readonly void Segment(float* p, float* a, float* e, float* s, float* inverse, int length, int diagonal,
            float si, float rowWeight, float* columnProjection, ref float value, ref float projection)
        {
            // The norm and the backward are type arguments, so that each of the four loops is compiled
            // with its branches removed and, being small and not inlined into the row loop, keeps its
            // vectors in registers (inlined with runtime flags, the loop spilled to the stack on AVX2 and
            // the L1 form's pass took twice the squared form's: sdl-parts, AMD EPYC family 25).
            if (Squared)
            {
                if (WithBackward) SegmentOf<On, On>(p, a, e, s, inverse, length, diagonal, si, rowWeight, columnProjection, ref value, ref projection);
                else SegmentOf<On, Off>(p, a, e, s, inverse, length, diagonal, si, rowWeight, columnProjection, ref value, ref projection);
            }
            else if (WithBackward) SegmentOf<Off, On>(p, a, e, s, inverse, length, diagonal, si, rowWeight, columnProjection, ref value, ref projection);
            else SegmentOf<Off, Off>(p, a, e, s, inverse, length, diagonal, si, rowWeight, columnProjection, ref value, ref projection);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private readonly void SegmentOf<TSquared, TBackward>(float* p, float* a, float* e, float* s, float* inverse, int length, int diagonal,
            float si, float rowWeight, float* columnProjection, ref float value, ref float projection)
            where TSquared : struct where TBackward : struct
        {
            bool squared = typeof(TSquared) == typeof(On), withBackward = typeof(TBackward) == typeof(On), update = Update;
            int width = Vector<float>.Count, vectorEnd = length - length % width;
            // The block holding the diagonal runs element by element, so that the diagonal is left out
            // exactly rather than added and subtracted (it is the largest entry of the row).
            int diagonalBlock = diagonal >= 0 && diagonal < vectorEnd ? diagonal - diagonal % width : vectorEnd;
            var siV = new Vector<float>(si);
            var rowWeightV = new Vector<float>(rowWeight);
            var alphaV = new Vector<float>(Alpha);
            var twoOverCV = new Vector<float>(TwoOverC);
            var valueV = Vector<float>.Zero;
            var projectionV = Vector<float>.Zero;
            for (int j = 0; j < vectorEnd; j += width)
            {
                if (j == diagonalBlock) continue;
                var mini = siV * Load(s + j) * Load(p + j);
                var updated = alphaV * Load(a + j) + mini;
                if (update) Store(a + j, updated);
                Vector<float> direction;
                if (squared)
                {
                    valueV += updated * updated;
                    direction = twoOverCV * updated;
                }
                else
                {
                    valueV += Vector.Abs(updated);
                    direction = Sign(updated);
                }
                if (withBackward)
                {
                    var contribution = mini * direction;
                    projectionV += contribution;
                    if (columnProjection != null) Store(columnProjection + j, Load(columnProjection + j) + contribution);
                    Store(e + j, rowWeightV * Load(inverse + j) * direction);
                }
            }
            // Element by element: the diagonal's block (if it is a vector block) and the tail past the last full vector.
            for (int part = 0; part < 2; part++)
            {
                var (from, to) = part == 0 ? (diagonalBlock, Math.Min(diagonalBlock + width, vectorEnd)) : (vectorEnd, length);
                for (int j = from; j < to; j++)
                {
                    float mini = si * s[j] * p[j];
                    float updated = Alpha * a[j] + mini;
                    if (update) a[j] = updated;
                    if (j == diagonal) continue;
                    float direction = squared ? TwoOverC * updated : Sign(updated);
                    value += squared ? updated * updated : MathF.Abs(updated);
                    if (withBackward)
                    {
                        float contribution = mini * direction;
                        projection += contribution;
                        if (columnProjection != null) columnProjection[j] += contribution;
                        e[j] = rowWeight * inverse[j] * direction;
                    }
                }
            }
            value += Vector.Sum(valueV);
            projection += Vector.Sum(projectionV);
        }
    }

    /// <summary>Type arguments that switch a branch of <see cref="RowPass"/> on or off at compile time.</summary>
    private struct On;

    /// <inheritdoc cref="On"/>
    private struct Off;

    /// <summary>Writes the transpose of the upper-right block (rows [0, h), columns [h, k)) into the lower-left one, in tiles.</summary>
    private static void TransposeUpperRight(float* matrix, int k, int h)
    {
        const int tile = 32;
        for (int ib = 0; ib < h; ib += tile)
            for (int jb = h; jb < k; jb += tile)
            {
                int iEnd = Math.Min(ib + tile, h), jEnd = Math.Min(jb + tile, k);
                for (int j = jb; j < jEnd; j++)
                {
                    float* destination = matrix + (long)j * k;
                    for (int i = ib; i < iEnd; i++) destination[i] = matrix[(long)i * k + j];
                }
            }
    }

    private static Vector<float> Load(float* source) => Unsafe.ReadUnaligned<Vector<float>>(source);

    private static void Store(float* destination, Vector<float> value) => Unsafe.WriteUnaligned(destination, value);

    /// <summary>−1, 0 or 1, as the vector form gives it (0 for NaN too: <see cref="MathF.Sign(float)"/> would throw).</summary>
    private static float Sign(float x) => x > 0 ? 1 : x < 0 ? -1 : 0;

    private static Vector<float> Sign(Vector<float> x)
    {
        // Comparison masks are all ones (−1 as an integer) where true: sign = [x < 0] − [x > 0] as integers.
        var negative = Vector.LessThan(x, Vector<float>.Zero);
        var positive = Vector.GreaterThan(x, Vector<float>.Zero);
        return Vector.ConvertToSingle(negative - positive);
    }
}
