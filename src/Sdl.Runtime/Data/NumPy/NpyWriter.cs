using System.Buffers.Binary;
using System.Text;

namespace Sdl.Runtime.Data;

/// <summary>
/// Writes float32 arrays as NumPy <c>.npy</c> files (format 1.0, little-endian, C order), the form
/// <c>np.load</c> reads without options. Written to a temporary file and renamed, so a reader never
/// sees half a file.
/// </summary>
public static class NpyWriter
{
    /// <summary>Writes <paramref name="values"/> (C order) with shape <paramref name="shape"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<float> values, params long[] shape)
    {
        long elements = shape.Aggregate(1L, (a, b) => a * b);
        if (elements != values.Length)
            throw new ArgumentException($"Shape {NpyReader.ShapeText(shape)} holds {elements:N0} elements, but {values.Length:N0} values were given.", nameof(shape));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(Header("<f4", shape));
                var buffer = new byte[4 * 16384];
                for (int start = 0; start < values.Length; start += 16384)
                {
                    int count = Math.Min(16384, values.Length - start);
                    for (int i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * i), values[start + i]);
                    stream.Write(buffer, 0, 4 * count);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes 64-bit integers (for example class labels) with shape <paramref name="shape"/>.</summary>
    public static void Write(string path, ReadOnlySpan<long> values, params long[] shape)
    {
        var floats = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(floats.AsSpan(8 * i), values[i]);
        WriteRaw(path, "<i8", shape, values.Length, floats);
    }

    static void WriteRaw(string path, string descr, long[] shape, long count, byte[] data)
    {
        long elements = shape.Aggregate(1L, (a, b) => a * b);
        if (elements != count)
            throw new ArgumentException($"Shape {NpyReader.ShapeText(shape)} holds {elements:N0} elements, but {count:N0} values were given.", nameof(shape));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(Header(descr, shape));
                stream.Write(data);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>A version 1.0 header for <paramref name="descr"/> and <paramref name="shape"/>, padded so the data starts on a 64-byte boundary.</summary>
    public static byte[] Header(string descr, IReadOnlyList<long> shape, bool fortranOrder = false)
    {
        var dictionary = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {NpyReader.ShapeText(shape)}, }}";
        int unpadded = 10 + dictionary.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        var text = dictionary + new string(' ', padding) + "\n";
        var header = new byte[10 + text.Length];
        header[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY", header.AsSpan(1));
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, header.AsSpan(10));
        return header;
    }
}
