using System.Numerics;
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
    /// </summary>
    public static void Centre(ReadOnlySpan<float> z, Span<float> centred, int m, int k, double epsilon, Span<float> inverseStd)
    {
        var sums = new double[k];
        int width = Vector<float>.Count, vectorEnd = k - k % width;
        for (int i = 0; i < m; i++)
        {
            var row = z.Slice(i * k, k);
            var accumulator = MemoryMarshal.Cast<double, Vector<double>>(sums.AsSpan(0, vectorEnd));
            for (int j = 0, v = 0; j < vectorEnd; j += width, v += 2)
            {
                Vector.Widen(new Vector<float>(row.Slice(j)), out var low, out var high);
                accumulator[v] += low;
                accumulator[v + 1] += high;
            }
            for (int j = vectorEnd; j < k; j++) sums[j] += row[j];
        }

        var mean = new float[k];
        for (int j = 0; j < k; j++) mean[j] = (float)(sums[j] / m);
        var squares = new float[k];
        for (int i = 0; i < m; i++)
        {
            var row = z.Slice(i * k, k);
            var output = centred.Slice(i * k, k);
            for (int j = 0; j < vectorEnd; j += width)
            {
                var y = new Vector<float>(row.Slice(j)) - new Vector<float>(mean, j);
                y.CopyTo(output.Slice(j));
                (new Vector<float>(squares, j) + y * y).CopyTo(squares, j);
            }
            for (int j = vectorEnd; j < k; j++)
            {
                float y = row[j] - mean[j];
                output[j] = y;
                squares[j] += y * y;
            }
        }
        for (int j = 0; j < k; j++) inverseStd[j] = (float)(1 / Math.Sqrt(squares[j] / (double)m + epsilon));
    }

    /// <summary>
    /// One pass over <c>P = YᵀY</c>: the updated history <c>A = α·A_old + Σ_mini</c> (written back to
    /// <paramref name="history"/> when <paramref name="update"/>), the loss value
    /// <c>r·Σ_{i≠j} (A_ij/c)²</c> or <c>r·Σ_{i≠j} |A_ij|/c</c>, and, when <paramref name="backward"/> is
    /// not empty, the backward matrix E of the remarks above.
    /// </summary>
    public static double UpdateAndDirection(
        ReadOnlySpan<float> product, Span<float> history, bool update, int k, int m, double alpha, double normaliser,
        SdlNorm norm, double reductionScale, ReadOnlySpan<float> inverseStd, Span<float> backward)
    {
        int width = Vector<float>.Count, vectorEnd = k - k % width;
        bool withBackward = !backward.IsEmpty;
        double rootRows = Math.Sqrt(m - 1.0);
        var s = new float[k];
        for (int j = 0; j < k; j++) s[j] = (float)(inverseStd[j] / rootRows);
        float alphaF = (float)alpha, twoOverC = (float)(2 / normaliser);
        double gradientScale = 2 * reductionScale / ((m - 1.0) * normaliser);
        var alphaV = new Vector<float>(alphaF);
        var twoOverCV = new Vector<float>(twoOverC);
        var rowNew = new float[k];
        double total = 0;

        for (int i = 0; i < k; i++)
        {
            var p = product.Slice(i * k, k);
            var a = history.Slice(i * k, k);
            var e = withBackward ? backward.Slice(i * k, k) : default;
            float si = s[i];
            var siV = new Vector<float>(si);
            float rowWeight = (float)(gradientScale * inverseStd[i]);
            var rowWeightV = new Vector<float>(rowWeight);
            var valueV = Vector<float>.Zero;
            var projectionV = Vector<float>.Zero;
            float value = 0, projection = 0;
            // The block holding the diagonal runs element by element, so that the diagonal is left out
            // exactly rather than added and subtracted (it is the largest entry of the row).
            int diagonalBlock = i < vectorEnd ? i - i % width : vectorEnd;
            for (int j = 0; j < vectorEnd; j += width)
            {
                if (j == diagonalBlock) continue;
                var mini = siV * new Vector<float>(s, j) * new Vector<float>(p.Slice(j));
                var updated = alphaV * new Vector<float>(a.Slice(j)) + mini;
                updated.CopyTo(rowNew, j);
                Vector<float> direction;
                if (norm == SdlNorm.Squared)
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
                    projectionV += mini * direction;
                    (rowWeightV * new Vector<float>(inverseStd.Slice(j)) * direction).CopyTo(e.Slice(j));
                }
            }
            // Element by element: the diagonal's block (if it is a vector block) and the tail past the last full vector.
            for (int part = 0; part < 2; part++)
            {
                var (from, to) = part == 0 ? (diagonalBlock, Math.Min(diagonalBlock + width, vectorEnd)) : (vectorEnd, k);
                for (int j = from; j < to; j++)
                {
                    float mini = si * s[j] * p[j];
                    float updated = alphaF * a[j] + mini;
                    rowNew[j] = updated;
                    if (j == i) continue;
                    float direction = norm == SdlNorm.Squared ? twoOverC * updated : MathF.Sign(updated);
                    value += norm == SdlNorm.Squared ? updated * updated : MathF.Abs(updated);
                    if (withBackward)
                    {
                        projection += mini * direction;
                        e[j] = rowWeight * inverseStd[j] * direction;
                    }
                }
            }

            total += value + Vector.Sum(valueV);
            if (withBackward)
            {
                projection += Vector.Sum(projectionV);
                e[i] = (float)(-gradientScale * inverseStd[i] * inverseStd[i] * ((m - 1.0) / m) * projection);
            }
            if (update) rowNew.AsSpan().CopyTo(a);
        }
        return norm == SdlNorm.Squared
            ? total * reductionScale / (normaliser * normaliser)
            : total * reductionScale / normaliser;
    }

    /// <summary>In-place <c>x ← factor·x</c>.</summary>
    public static void Scale(Span<float> values, float factor)
    {
        int width = Vector<float>.Count, vectorEnd = values.Length - values.Length % width;
        var factorV = new Vector<float>(factor);
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values[..vectorEnd]);
        for (int v = 0; v < vectors.Length; v++) vectors[v] *= factorV;
        for (int j = vectorEnd; j < values.Length; j++) values[j] *= factor;
    }

    private static Vector<float> Sign(Vector<float> x)
    {
        // Comparison masks are all ones (−1 as an integer) where true: sign = [x < 0] − [x > 0] as integers.
        var negative = Vector.LessThan(x, Vector<float>.Zero);
        var positive = Vector.GreaterThan(x, Vector<float>.Zero);
        return Vector.ConvertToSingle(negative - positive);
    }
}
