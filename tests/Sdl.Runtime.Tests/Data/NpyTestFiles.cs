using System.IO.Compression;
using System.Text;

namespace Sdl.Runtime.Tests.Data;

/// <summary>Writes .npy/.npz/CSV files byte by byte (independently of the readers) into a fresh temporary folder.</summary>
sealed class NpyTestFiles : IDisposable
{
    public string Directory { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sdl-npy-" + Guid.NewGuid().ToString("N"));

    public NpyTestFiles() => System.IO.Directory.CreateDirectory(Directory);

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public string Write(string name, byte[] content)
    {
        var path = Path(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string WriteText(string name, string content)
    {
        var path = Path(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>
    /// An .npy file of <paramref name="cOrderValues"/> (given in C order) with the given descr,
    /// written in Fortran order when asked, header version 1.0 (or 2.0).
    /// </summary>
    public static byte[] Npy(string descr, long[] shape, double[] cOrderValues, bool fortran = false, int version = 1)
    {
        var dictionary = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}";
        int prefix = version == 1 ? 10 : 12;
        int padding = (64 - (prefix + dictionary.Length + 1) % 64) % 64;
        var text = Encoding.ASCII.GetBytes(dictionary + new string(' ', padding) + "\n");
        using var output = new MemoryStream();
        output.Write([0x93, .. "NUMPY"u8, (byte)version, 0]);
        if (version == 1) output.Write(BitConverter.GetBytes((ushort)text.Length));
        else output.Write(BitConverter.GetBytes((uint)text.Length));
        output.Write(text);
        var stored = fortran ? ToFortran(cOrderValues, shape) : cOrderValues;
        foreach (var value in stored) output.Write(Encode(descr, value));
        return output.ToArray();
    }

    static double[] ToFortran(double[] c, long[] shape)
    {
        var result = new double[c.Length];
        var strides = new long[shape.Length];
        strides[^1] = 1;
        for (int d = shape.Length - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
        for (long k = 0; k < c.Length; k++)
        {
            long rest = k, index = 0;
            for (int d = 0; d < shape.Length; d++) { index += rest % shape[d] * strides[d]; rest /= shape[d]; }
            result[k] = c[index];
        }
        return result;
    }

    public static byte[] Encode(string descr, double value)
    {
        bool big = descr[0] == '>';
        var kind = descr[1..];
        var bytes = kind switch
        {
            "f2" => BitConverter.GetBytes((Half)value),
            "f4" => BitConverter.GetBytes((float)value),
            "f8" => BitConverter.GetBytes(value),
            "i1" => [(byte)(sbyte)value],
            "u1" or "b1" => [(byte)value],
            "i2" => BitConverter.GetBytes((short)value),
            "u2" => BitConverter.GetBytes((ushort)value),
            "i4" => BitConverter.GetBytes((int)value),
            "u4" => BitConverter.GetBytes((uint)value),
            "i8" => BitConverter.GetBytes((long)value),
            "u8" => BitConverter.GetBytes((ulong)value),
            _ => throw new ArgumentException(descr),
        };
        if (big) Array.Reverse(bytes);
        return bytes;
    }

    /// <summary>A zip of .npy entries, as np.savez (stored) or np.savez_compressed (deflated) writes it.</summary>
    public static byte[] Npz(bool compressed, params (string Name, byte[] Npy)[] arrays)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, npy) in arrays)
            {
                var entry = zip.CreateEntry(name + ".npy", compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var stream = entry.Open();
                stream.Write(npy);
            }
        return output.ToArray();
    }

    /// <summary>Random values that every dtype represents exactly (small integers for integer types, halves for float16).</summary>
    public static double[] Values(string descr, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => descr[1] switch
        {
            'f' => descr.EndsWith('2') ? random.Next(-64, 64) / 8.0 : random.NextDouble() * 200 - 100,
            'i' => random.Next(-100, 100),
            'b' => random.Next(2),
            _ => random.Next(0, 200),
        }).ToArray();
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
