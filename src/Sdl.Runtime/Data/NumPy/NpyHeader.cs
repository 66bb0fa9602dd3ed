using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Sdl.Runtime.Data;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1.0, 2.0 and 3.0): element type, memory
/// order and shape, and where the data starts. See numpy/lib/format.py for the format.
/// </summary>
internal sealed partial record NpyHeader(NpyDataType DataType, bool FortranOrder, long[] Shape, long DataOffset)
{
    static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Number of elements (the product of the shape; 1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes of data the header promises.</summary>
    public long DataLength => ElementCount * DataType.Size;

    /// <summary>The shape as NumPy prints it, e.g. <c>(100, 784)</c>.</summary>
    public string ShapeText => Shape.Length == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";

    /// <summary>Reads and checks the header at the start of <paramref name="stream"/>; <paramref name="source"/> names the file in errors.</summary>
    public static NpyHeader Read(Stream stream, string source)
    {
        var prefix = new byte[10];
        int got = ReadFully(stream, prefix);
        if (got < 8 || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
            throw new DataFileException(source, got < 6
                ? $"truncated: {got} bytes is shorter than the 6-byte NumPy magic string."
                : $"bad magic string (bytes 0-5 are {Convert.ToHexString(prefix, 0, 6)}, expected 934E554D5059, \"\\x93NUMPY\"): not a .npy file.");
        byte major = prefix[6];
        long headerLength;
        long offset;
        if (major == 1)
        {
            if (got < 10) throw new DataFileException(source, "truncated inside the header length (bytes 8-9).");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8));
            offset = 10;
        }
        else if (major is 2 or 3)
        {
            var rest = new byte[2];
            if (got < 10 || ReadFully(stream, rest) < 2) throw new DataFileException(source, "truncated inside the header length (bytes 8-11).");
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian([prefix[8], prefix[9], rest[0], rest[1]]);
            offset = 12;
        }
        else
        {
            throw new DataFileException(source, $"format version {major}.{prefix[7]} (byte 6) is not supported; NumPy writes 1.0, 2.0 and 3.0.");
        }
        if (headerLength > 1 << 24)
            throw new DataFileException(source, $"header length {headerLength:N0} (at byte 8) is implausible; the file is corrupt.");
        var headerBytes = new byte[headerLength];
        if (ReadFully(stream, headerBytes) < headerLength)
            throw new DataFileException(source, $"truncated: the header declares {headerLength} bytes (from byte {offset}) but the file ends first.");
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        return Parse(text, source, offset + headerLength);
    }

    static NpyHeader Parse(string text, string source, long dataOffset)
    {
        var descr = DescrPattern().Match(text);
        var order = FortranPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            if (text.Contains("'descr': [", StringComparison.Ordinal) || text.Contains("'descr':[", StringComparison.Ordinal))
                throw new DataFileException(source, "wrong dtype: the array is structured (a record type with named fields); save each field as its own plain numeric array.");
            throw new DataFileException(source, $"header (from byte 10) is not a NumPy array description: {text.Trim()}");
        }
        var dataType = NpyDataType.TryParse(descr.Groups[1].Value, out var problem)
            ?? throw new DataFileException(source, $"wrong dtype: {problem}.");
        var dimensions = shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new long[dimensions.Length];
        for (int d = 0; d < dimensions.Length; d++)
            if (!long.TryParse(dimensions[d].TrimEnd('L'), out sizes[d]) || sizes[d] < 0)
                throw new DataFileException(source, $"shape ({shape.Groups[1].Value}) has an invalid dimension '{dimensions[d]}'.");
        return new NpyHeader(dataType, order.Groups[1].Value == "True", sizes, dataOffset);
    }

    internal static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
