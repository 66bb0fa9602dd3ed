using System.IO.MemoryMappedFiles;

namespace Sdl.Runtime.Data;

/// <summary>
/// A C-order <c>.npy</c> file read in row ranges through a memory map, for data larger than
/// memory: each read maps only the rows it needs and unmaps them afterwards, so the process keeps
/// at most one window resident however large the file is. Values are converted to float32 and
/// checked for NaN/∞ as they are read (errors name the sample and the feature).
/// </summary>
internal sealed class NpyMemoryMap : IDisposable
{
    readonly MemoryMappedFile map;

    NpyMemoryMap(string path, NpyHeader header, MemoryMappedFile map)
    {
        Path = path;
        Header = header;
        this.map = map;
        Count = header.Shape[0];
        Width = (int)header.Shape.Skip(1).Aggregate(1L, (a, b) => a * b);
    }

    /// <summary>The <c>.npy</c> file mapped.</summary>
    public string Path { get; }
    /// <summary>The file's parsed header: element type, shape and where the data starts.</summary>
    public NpyHeader Header { get; }

    /// <summary>Samples (rows).</summary>
    public long Count { get; }

    /// <summary>Features per sample.</summary>
    public int Width { get; }

    /// <summary>Opens <paramref name="path"/>; the header is checked here, the data as it is read.</summary>
    public static NpyMemoryMap Open(string path)
    {
        NpyHeader header;
        long length;
        using (var stream = NpyReader.OpenFile(path))
        {
            header = NpyHeader.Read(stream, path);
            length = stream.Length;
        }
        if (header.Shape.Length == 0)
            throw new DataFileException(path, "the array is a scalar (shape ()); a view needs shape (samples, features).");
        if (header.FortranOrder && header.Shape.Length > 1)
            throw new DataFileException(path, $"Fortran order: a sample's features are not contiguous, so the file cannot be read row by row. Save it in C order (np.save(path, np.ascontiguousarray(a))), or read it whole with {nameof(NpyReader)}.");
        if (length < header.DataOffset + header.DataLength)
            throw new DataFileException(path, $"truncated: shape {header.ShapeText} of {header.DataType.Descr} needs {header.DataLength:N0} data bytes after the {header.DataOffset}-byte header, but only {length - header.DataOffset:N0} follow.");
        if (length > header.DataOffset + header.DataLength)
            throw new DataFileException(path, $"{length - header.DataOffset - header.DataLength:N0} unexpected bytes after the data of shape {header.ShapeText}; the file is corrupt or not the one intended.");
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        return new NpyMemoryMap(path, header, map);
    }

    /// <summary>Reads rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rows"/>) into <paramref name="destination"/> (row-major float32).</summary>
    public void ReadRows(long firstRow, int rows, Span<float> destination)
    {
        if (firstRow < 0 || rows < 0 || firstRow + rows > Count)
            throw new ArgumentOutOfRangeException(nameof(firstRow), $"Rows {firstRow}..{firstRow + rows - 1} are outside the {Count:N0} samples of {Path}.");
        int elements = checked(rows * Width);
        if (destination.Length < elements) throw new ArgumentException($"The destination holds {destination.Length} values; {elements} are needed.", nameof(destination));
        if (elements == 0) return;
        var type = Header.DataType;
        long offset = Header.DataOffset + firstRow * Width * type.Size;
        using var view = map.CreateViewAccessor(offset, (long)elements * type.Size, MemoryMappedFileAccess.Read);
        var target = destination[..elements];
        if (type is { Kind: 'f', Size: 4, BigEndian: false } && BitConverter.IsLittleEndian)
        {
            unsafe
            {
                byte* pointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                try
                {
                    new ReadOnlySpan<float>(pointer + view.PointerOffset, elements).CopyTo(target);
                }
                finally
                {
                    view.SafeMemoryMappedViewHandle.ReleasePointer();
                }
            }
            for (int i = 0; i < elements; i++)
                if (!float.IsFinite(target[i]))
                    throw NpyReader.NonFinite(Path, Header.Shape, firstRow * Width + i, Width, target[i]);
            return;
        }
        var bytes = new byte[(long)elements * type.Size];
        view.ReadArray(0, bytes, 0, bytes.Length);
        for (int i = 0; i < elements; i++)
        {
            double value = type.ReadDouble(bytes.AsSpan(i * type.Size, type.Size));
            float single = (float)value;
            if (!float.IsFinite(single)) throw NpyReader.NonFinite(Path, Header.Shape, firstRow * Width + i, Width, value);
            target[i] = single;
        }
    }

    /// <summary>Releases the memory map and the file.</summary>
    public void Dispose() => map.Dispose();
}
