using System.Buffers.Binary;

namespace Sdl.Runtime.Data;

/// <summary>
/// The element type of a NumPy array, parsed from its <c>descr</c> string (<c>'&lt;f4'</c>, <c>'&gt;i8'</c>, <c>'|u1'</c>, ...):
/// kind, size in bytes and byte order. Only plain numbers and booleans are accepted; structured,
/// object, string, complex and date types are refused with the reason.
/// </summary>
public sealed record NpyDataType(char Kind, int Size, bool BigEndian)
{
    /// <summary>The descr string as NumPy writes it (byte order, kind, size).</summary>
    public string Descr => $"{(Size == 1 ? '|' : BigEndian ? '>' : '<')}{Kind}{Size}";

    /// <summary>True for float16/32/64.</summary>
    public bool IsFloat => Kind == 'f';

    /// <summary>True for signed and unsigned integers and booleans (values usable as class labels).</summary>
    public bool IsInteger => Kind is 'i' or 'u' or 'b';

    /// <summary>Parses a descr string, or returns null with <paramref name="problem"/> saying why it is not supported.</summary>
    public static NpyDataType? TryParse(string descr, out string problem)
    {
        problem = "";
        if (descr.Length < 3)
        {
            problem = $"dtype '{descr}' is not a plain numeric type";
            return null;
        }
        char order = descr[0], kind = descr[1];
        if (!int.TryParse(descr.AsSpan(2), out int size))
        {
            problem = $"dtype '{descr}' is not supported (structured, string or date types cannot be features); save a plain float32/float64/integer array";
            return null;
        }
        bool bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        bool supported = kind switch
        {
            'f' => size is 2 or 4 or 8,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'b' => size == 1,
            _ => false,
        };
        if (!supported || order is not ('<' or '>' or '|' or '='))
        {
            string what = kind switch
            {
                'c' => "complex numbers",
                'O' => "Python objects",
                'U' or 'S' => "strings",
                'M' or 'm' => "dates or time spans",
                'V' => "raw bytes or records",
                _ => "an unknown type",
            };
            problem = $"dtype '{descr}' ({what}) is not supported; features must be float16/32/64, signed or unsigned integers or booleans (convert with arr.astype(np.float32))";
            return null;
        }
        return new NpyDataType(kind, size, bigEndian);
    }

    /// <summary>Reads one element at the start of <paramref name="bytes"/> as a double (exact for every supported type except 64-bit integers beyond 2^53).</summary>
    public double ReadDouble(ReadOnlySpan<byte> bytes) => (Kind, Size) switch
    {
        ('f', 2) => (double)(BigEndian ? BitConverter.Int16BitsToHalf(BinaryPrimitives.ReadInt16BigEndian(bytes)) : BitConverter.Int16BitsToHalf(BinaryPrimitives.ReadInt16LittleEndian(bytes))),
        ('f', 4) => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes),
        ('f', 8) => BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        ('i', 1) => (sbyte)bytes[0],
        ('i', 2) => BigEndian ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes),
        ('i', 4) => BigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes),
        ('i', 8) => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes),
        ('u', 1) or ('b', 1) => bytes[0],
        ('u', 2) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        ('u', 4) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        ('u', 8) => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        _ => throw new InvalidOperationException($"Unsupported dtype {Descr}."),
    };

    /// <summary>Reads one element as a 64-bit integer (for labels; only called on integer types).</summary>
    public long ReadInt64(ReadOnlySpan<byte> bytes) => (Kind, Size) switch
    {
        ('i', 8) => BigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes),
        ('u', 8) => (long)Math.Min(BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes), long.MaxValue),
        _ => (long)ReadDouble(bytes),
    };
}
