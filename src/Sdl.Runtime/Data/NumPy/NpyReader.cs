namespace Sdl.Runtime.Data;

/// <summary>
/// Reads NumPy <c>.npy</c> arrays: float16/32/64, signed and unsigned integers and booleans, C or
/// Fortran order, little- or big-endian, format versions 1 to 3. Values become float32 in C order;
/// a NaN or infinity is an error naming the sample and feature, because one such value silently
/// turns every loss and metric into NaN.
/// </summary>
public static class NpyReader
{
    const int ChunkElements = 1 << 16;

    /// <summary>Reads the array in <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        using var stream = OpenFile(path);
        var array = Read(stream, path);
        if (stream.Position < stream.Length)
            throw new DataFileException(path, $"{stream.Length - stream.Position:N0} unexpected bytes after the data of shape {ShapeText(array.Shape)}; the file is corrupt or not the one intended.");
        return array;
    }

    /// <summary>Reads one array from <paramref name="stream"/> (positioned at its magic string); <paramref name="source"/> names it in errors.</summary>
    public static NpyArray Read(Stream stream, string source)
    {
        var header = NpyHeader.Read(stream, source);
        if (header.ElementCount > Array.MaxLength)
            throw new DataFileException(source, $"shape {header.ShapeText} has {header.ElementCount:N0} elements, more than one in-memory array holds; train from it in chunks with {nameof(ChunkedNpyViews)}.");
        var values = new float[header.ElementCount];
        int width = header.Shape.Length <= 1 ? 1 : (int)header.Shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var destination = DestinationIndices(header);
        var type = header.DataType;
        var chunk = new byte[ChunkElements * type.Size];
        long done = 0;
        while (done < header.ElementCount)
        {
            int count = (int)Math.Min(ChunkElements, header.ElementCount - done);
            int bytes = NpyHeader.ReadFully(stream, chunk.AsSpan(0, count * type.Size));
            if (bytes < count * type.Size)
                throw new DataFileException(source, $"truncated: shape {header.ShapeText} of {type.Descr} needs {header.DataLength:N0} data bytes after the {header.DataOffset}-byte header, but only {done * type.Size + bytes:N0} follow.");
            for (int e = 0; e < count; e++)
            {
                double value = type.ReadDouble(chunk.AsSpan(e * type.Size, type.Size));
                long index = destination(done + e);
                float single = (float)value;
                if (!float.IsFinite(single))
                    throw NonFinite(source, header.Shape, index, width, value);
                values[index] = single;
            }
            done += count;
        }
        return new NpyArray(header.Shape, values, type, source);
    }

    /// <summary>Reads a 1-D array of integer class labels (any integer type; negative labels are refused).</summary>
    public static int[] ReadLabels(string path)
    {
        using var stream = OpenFile(path);
        return ReadLabels(stream, path);
    }

    /// <summary>Reads a 1-D array of integer class labels from <paramref name="stream"/>.</summary>
    public static int[] ReadLabels(Stream stream, string source)
    {
        var header = NpyHeader.Read(stream, source);
        if (!header.DataType.IsInteger)
            throw new DataFileException(source, $"wrong dtype for labels: {header.DataType.Descr}; class labels must be integers (convert with labels.astype(np.int64)).");
        if (header.Shape.Length != 1 && !(header.Shape.Length == 2 && header.Shape[1] == 1))
            throw new DataFileException(source, $"labels must be one-dimensional (one class index per sample), but the shape is {header.ShapeText}.");
        var raw = new byte[header.DataLength];
        int got = NpyHeader.ReadFully(stream, raw);
        if (got < raw.Length)
            throw new DataFileException(source, $"truncated: {header.Shape[0]:N0} labels of {header.DataType.Descr} need {raw.Length:N0} bytes, only {got:N0} follow the header.");
        var labels = new int[header.Shape[0]];
        for (int i = 0; i < labels.Length; i++)
        {
            long label = header.DataType.ReadInt64(raw.AsSpan(i * header.DataType.Size, header.DataType.Size));
            if (label < 0 || label > int.MaxValue)
                throw new DataFileException(source, $"label {i:N0} is {label}; class labels must be non-negative class indices.");
            labels[i] = (int)label;
        }
        return labels;
    }

    /// <summary>NumPy's notation for a shape.</summary>
    public static string ShapeText(IReadOnlyList<long> shape) => shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";

    internal static DataFileException NonFinite(string source, IReadOnlyList<long> shape, long index, int width, double value) =>
        new(source, $"{FormatValue(value)} at sample {index / width:N0}, feature {index % width:N0} (shape {ShapeText(shape)}): " +
            (double.IsFinite(value) ? "the value overflows float32. " : "") +
            "data must be finite; remove or impute missing values before training.");

    internal static string FormatValue(double value) => double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+∞" : double.IsNegativeInfinity(value) ? "-∞" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    internal static FileStream OpenFile(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "file not found.");
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataFileException(path, $"cannot be read: {e.Message}", e); }
    }

    /// <summary>Maps the file's k-th element to its C-order index (the identity for C-order files).</summary>
    static Func<long, long> DestinationIndices(NpyHeader header)
    {
        if (!header.FortranOrder || header.Shape.Length <= 1) return k => k;
        // Fortran order: the first index varies fastest. C-order strides give the destination.
        var shape = header.Shape;
        var cStrides = new long[shape.Length];
        cStrides[^1] = 1;
        for (int d = shape.Length - 2; d >= 0; d--) cStrides[d] = cStrides[d + 1] * shape[d + 1];
        return k =>
        {
            long index = 0;
            for (int d = 0; d < shape.Length; d++)
            {
                index += k % shape[d] * cStrides[d];
                k /= shape[d];
            }
            return index;
        };
    }
}
