using System.IO.Compression;

namespace Sdl.Examples.Tests;

/// <summary>
/// A folder of tiny IDX files (train and t10k pairs) in MNIST's format, written byte by byte: images
/// whose two halves share a few latent factors, so the job has something to find.
/// </summary>
sealed class TinyImageData : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "sdl-tiny-idx-" + Guid.NewGuid().ToString("N"));

    /// <param name="withTestSet">False: no t10k pair, so the job splits its test set off the training images (as for the embedded subset).</param>
    public TinyImageData(int train = 320, int test = 96, int side = 28, bool constant = false, int seed = 1, bool withTestSet = true)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var random = new Random(seed);
        Write("train", train, side, constant, random);
        if (withTestSet) Write("t10k", test, side, constant, random);
    }

    void Write(string prefix, int count, int side, bool constant, Random random)
    {
        var pixels = new byte[count * side * side];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1, c = random.NextDouble() * 2 - 1;
            labels[n] = (byte)((a > 0 ? 1 : 0) + (b > 0 ? 2 : 0) + (c > 0 ? 4 : 0));
            for (int r = 0; r < side; r++)
                for (int col = 0; col < side; col++)
                {
                    double value = constant ? 0.5 : 0.5 + 0.3 * (a * Math.Sin(r * 0.4 + col * 0.1) + b * Math.Cos(r * 0.25) + c * Math.Sin(col * 0.3)) / 3 + 0.05 * (random.NextDouble() - 0.5);
                    pixels[(n * side + r) * side + col] = (byte)Math.Clamp(Math.Round(value * 255), 0, 255);
                }
        }
        File.WriteAllBytes(Path.Combine(Directory, $"{prefix}-images-idx3-ubyte.gz"), Gzip([.. Header(0x08, count, side, side), .. pixels]));
        File.WriteAllBytes(Path.Combine(Directory, $"{prefix}-labels-idx1-ubyte.gz"), Gzip([.. Header(0x08, count), .. labels]));
    }

    static byte[] Header(byte type, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
            for (int i = 0; i < 4; i++) header[4 + 4 * d + i] = (byte)(dimensions[d] >> (24 - 8 * i));
        return header;
    }

    static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return output.ToArray();
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
