using System.IO.Compression;

namespace Sdl.Runtime.Data;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed, byte for byte.
/// Header: two zero bytes, an element-type byte, a dimension-count byte, then each dimension as a
/// big-endian int32; the data follows. Only unsigned bytes (type 0x08) are read: it is what image
/// and label files use, and a clear refusal beats a silent misreading of other types.
/// </summary>
internal static class IdxReader
{
    /// <summary>Element-type code of unsigned bytes.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImageMagic = 0x00000803;

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelMagic = 0x00000801;

    static readonly byte[] GzipSignature = [0x1f, 0x8b];

    /// <summary>Reads any unsigned-byte IDX file with <paramref name="expectedDimensions"/> dimensions (null: any).</summary>
    public static IdxArray Read(string path, int? expectedDimensions = null)
    {
        var bytes = ReadContent(path);
        if (bytes.Length < 4)
            throw new DataFileException(path, $"truncated: {bytes.Length} bytes is shorter than the 4-byte IDX magic number.");

        int magic = ReadBigEndianInt32(bytes, 0);
        byte elementType = bytes[2];
        int dimensionCount = bytes[3];
        if (bytes[0] != 0 || bytes[1] != 0 || dimensionCount == 0)
            throw new DataFileException(path, $"bad magic number 0x{magic:X8}: an IDX file starts with two zero bytes, a type byte and a dimension count (images 0x{ImageMagic:X8}, labels 0x{LabelMagic:X8}). Is this an IDX file?");
        if (elementType != UnsignedByteType)
            throw new DataFileException(path, $"bad magic number 0x{magic:X8}: element type 0x{elementType:X2} is not supported; only unsigned bytes (0x08), as in MNIST image and label files, are read.");
        if (expectedDimensions is int expected && dimensionCount != expected)
            throw new DataFileException(path, $"bad magic number 0x{magic:X8}: {dimensionCount} dimension(s), expected {expected} ({(expected == 3 ? "an image file: count, rows, columns" : expected == 1 ? "a label file: count" : "see the caller")}). Were the image and label files swapped?");

        int headerLength = 4 + 4 * dimensionCount;
        if (bytes.Length < headerLength)
            throw new DataFileException(path, $"truncated: the header declares {dimensionCount} dimensions ({headerLength} header bytes) but the file has only {bytes.Length} bytes.");

        var dimensions = new int[dimensionCount];
        long elements = 1;
        for (int d = 0; d < dimensionCount; d++)
        {
            dimensions[d] = ReadBigEndianInt32(bytes, 4 + 4 * d);
            if (dimensions[d] < 0)
                throw new DataFileException(path, $"dimension {d} is negative ({dimensions[d]}); the header is corrupt.");
            elements *= dimensions[d];
        }

        long available = bytes.Length - headerLength;
        if (available < elements)
            throw new DataFileException(path, $"truncated: the header promises {Describe(dimensions)} = {elements:N0} bytes of data but only {available:N0} follow it.");
        if (available > elements)
            throw new DataFileException(path, $"{available - elements:N0} unexpected bytes after the {Describe(dimensions)} = {elements:N0} bytes the header describes; the file is corrupt or not the one intended.");

        return new IdxArray(dimensions, bytes[headerLength..]);
    }

    /// <summary>Reads an image file: <c>[count, rows, columns]</c> unsigned bytes.</summary>
    public static IdxArray ReadImages(string path) => Read(path, expectedDimensions: 3);

    /// <summary>Reads a label file: <c>[count]</c> unsigned bytes.</summary>
    public static IdxArray ReadLabels(string path) => Read(path, expectedDimensions: 1);

    /// <summary>The file's bytes, decompressed when it is gzip (detected by its signature, not its name).</summary>
    static byte[] ReadContent(string path)
    {
        if (!File.Exists(path))
            throw new DataFileException(path, "file not found.");
        byte[] raw;
        try { raw = File.ReadAllBytes(path); }
        catch (IOException e) { throw new DataFileException(path, $"cannot be read: {e.Message}", e); }
        catch (UnauthorizedAccessException e) { throw new DataFileException(path, $"cannot be read: {e.Message}", e); }

        if (raw.Length < 2 || raw[0] != GzipSignature[0] || raw[1] != GzipSignature[1])
            return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(capacity: raw.Length * 4);
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new DataFileException(path, $"the gzip stream is damaged or truncated ({e.Message}).", e);
        }
    }

    static int ReadBigEndianInt32(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    static string Describe(IReadOnlyList<int> dimensions) => string.Join(" × ", dimensions);
}
