using System.IO.Compression;

namespace Sdl.Runtime.Tests.Data;

/// <summary>Writes IDX files byte by byte (independently of the reader) into a fresh temporary folder.</summary>
sealed class IdxTestFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "sdl-idx-" + Guid.NewGuid().ToString("N"));

    public IdxTestFiles() => System.IO.Directory.CreateDirectory(Directory);

    public static byte[] Header(byte type, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            header[4 + 4 * d] = (byte)(dimensions[d] >> 24);
            header[5 + 4 * d] = (byte)(dimensions[d] >> 16);
            header[6 + 4 * d] = (byte)(dimensions[d] >> 8);
            header[7 + 4 * d] = (byte)dimensions[d];
        }
        return header;
    }

    public static byte[] Images(byte[] pixels, int count, int rows, int columns) => [.. Header(0x08, count, rows, columns), .. pixels];

    public static byte[] Labels(byte[] labels) => [.. Header(0x08, labels.Length), .. labels];

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content);
        return output.ToArray();
    }

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
