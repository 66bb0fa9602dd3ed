using System.IO.Compression;

namespace Sdl.Runtime.Data;

/// <summary>
/// Reads NumPy <c>.npz</c> archives (<c>np.savez</c> and <c>np.savez_compressed</c>): a zip file with
/// one <c>.npy</c> entry per array, named after the array.
/// </summary>
internal static class NpzReader
{
    /// <summary>The names of the arrays in the archive, in stored order.</summary>
    public static IReadOnlyList<string> ArrayNames(string path)
    {
        using var zip = Open(path);
        return zip.Entries.Select(e => ArrayName(e.FullName)).ToList();
    }

    /// <summary>Reads the array <paramref name="name"/> (with or without the <c>.npy</c> suffix).</summary>
    public static NpyArray Read(string path, string name)
    {
        using var zip = Open(path);
        using var stream = OpenEntry(zip, path, name, out var source);
        return NpyReader.Read(stream, source);
    }

    /// <summary>Reads the integer class labels stored as array <paramref name="name"/>.</summary>
    public static int[] ReadLabels(string path, string name)
    {
        using var zip = Open(path);
        using var stream = OpenEntry(zip, path, name, out var source);
        return NpyReader.ReadLabels(stream, source);
    }

    static Stream OpenEntry(ZipArchive zip, string path, string name, out string source)
    {
        var wanted = ArrayName(name);
        var entry = zip.Entries.FirstOrDefault(e => ArrayName(e.FullName) == wanted)
            ?? throw new DataFileException(path, $"no array '{wanted}' in the archive; it holds {string.Join(", ", zip.Entries.Select(e => $"'{ArrayName(e.FullName)}'"))}.");
        source = $"{path}[{wanted}]";
        try { return entry.Open(); }
        catch (InvalidDataException e) { throw new DataFileException(path, $"array '{wanted}' cannot be decompressed: {e.Message}", e); }
    }

    static ZipArchive Open(string path)
    {
        var stream = NpyReader.OpenFile(path);
        try { return new ZipArchive(stream, ZipArchiveMode.Read); }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new DataFileException(path, $"not an .npz archive (a zip file of .npy arrays): {e.Message}", e);
        }
    }

    static string ArrayName(string entry) => entry.EndsWith(".npy", StringComparison.Ordinal) ? entry[..^4] : entry;
}
