using Parquet;
using Parquet.Schema;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Data;

/// <summary>
/// Parquet views that stay on disk: an epoch reads one row group at a time (the file's own chunks),
/// in a seeded random order, shuffles its rows and cuts full batches, carrying a remainder into the
/// next group. Memory holds one row group's view columns, whatever the file size. Errors (a null,
/// NaN or ∞, a non-numeric column) name the row and the column, as <see cref="ParquetViews"/> does.
/// </summary>
public sealed class ChunkedParquetViews : IDisposable
{
    readonly Stream stream;
    readonly ParquetReader reader;
    readonly DataField[] fields;
    readonly int[][] columns;
    readonly long[] groupStarts;

    ChunkedParquetViews(string path, Stream stream, ParquetReader reader, IReadOnlyList<ViewColumns> views, DataField[] fields, int[][] columns, long[] groupStarts, long count)
    {
        Path = path;
        this.stream = stream;
        this.reader = reader;
        Names = views.Select(v => v.View).ToList();
        this.fields = fields;
        this.columns = columns;
        this.groupStarts = groupStarts;
        Count = count;
    }

    /// <summary>The Parquet file read.</summary>
    public string Path { get; }
    /// <summary>The view names, in the order the views were given.</summary>
    public IReadOnlyList<string> Names { get; }
    /// <summary>Number of rows (samples) in the file.</summary>
    public long Count { get; }
    /// <summary>Number of row groups: the chunks an epoch reads one at a time.</summary>
    public int RowGroups => reader.RowGroupCount;

    /// <summary>Features per view.</summary>
    public IReadOnlyList<int> Widths => columns.Select(c => c.Length).ToList();

    /// <summary>Opens <paramref name="path"/> and resolves the views' columns; the data is read per epoch.</summary>
    public static ChunkedParquetViews Open(string path, IReadOnlyList<ViewColumns> views)
    {
        if (views.Count == 0) throw new ArgumentException("At least one view is needed.", nameof(views));
        var stream = NpyReader.OpenFile(path);
        try
        {
            ParquetReader reader;
            try { reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult(); }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException || e.GetType().Namespace?.StartsWith("Parquet", StringComparison.Ordinal) == true)
            {
                throw new DataFileException(path, $"not a readable Parquet file: {e.Message}", e);
            }
            var fields = reader.Schema.GetDataFields();
            var names = fields.Select(f => f.Name).ToArray();
            var columns = views.Select(v => v.Resolve(names, names.Length, path)).ToArray();
            var starts = new long[reader.RowGroupCount];
            long count = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                starts[g] = count;
                using var group = reader.OpenRowGroupReader(g);
                count += group.RowCount;
            }
            if (count == 0) throw new DataFileException(path, "the file has no rows.");
            return new ChunkedParquetViews(path, stream, reader, views, fields, columns, starts, count);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The full batches of epoch <paramref name="epoch"/> (order depends only on seed and epoch), views shaped [batch, features].</summary>
    public IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        var random = new Random(MiniBatchLoader.EpochSeed(seed, epoch));
        var groupOrder = Enumerable.Range(0, reader.RowGroupCount).ToArray();
        random.Shuffle(groupOrder);
        var pending = columns.Select(c => new List<float>(batchSize * c.Length)).ToArray();
        var pendingIndices = new List<int>(batchSize);
        foreach (var g in groupOrder)
        {
            var (rows, values) = ReadGroup(g);
            var order = Enumerable.Range(0, rows).ToArray();
            random.Shuffle(order);
            foreach (var row in order)
            {
                for (int v = 0; v < columns.Length; v++)
                    pending[v].AddRange(values[v].AsSpan(row * columns[v].Length, columns[v].Length));
                pendingIndices.Add(unchecked((int)(groupStarts[g] + row)));
                if (pendingIndices.Count == batchSize)
                {
                    var views = columns.Select((c, v) => tensor(pending[v].ToArray(), [batchSize, c.Length], device: device)).ToArray();
                    yield return new MiniBatch(views, null, [.. pendingIndices]);
                    foreach (var p in pending) p.Clear();
                    pendingIndices.Clear();
                }
            }
        }
    }

    /// <summary>Row group <paramref name="g"/>'s view values, row-major per view.</summary>
    (int Rows, float[][] Values) ReadGroup(int g)
    {
        using var group = reader.OpenRowGroupReader(g);
        int rows = checked((int)group.RowCount);
        var cache = new Dictionary<int, double[]>();
        var values = new float[columns.Length][];
        for (int v = 0; v < columns.Length; v++)
        {
            int width = columns[v].Length;
            values[v] = new float[(long)rows * width];
            for (int c = 0; c < width; c++)
            {
                int index = columns[v][c];
                if (!cache.TryGetValue(index, out var column))
                    cache[index] = column = ParquetViews.ReadColumn(group, fields[index], rows, groupStarts[g], Path, CancellationToken.None).GetAwaiter().GetResult();
                for (int r = 0; r < rows; r++)
                {
                    float value = (float)column[r];
                    if (!float.IsFinite(value))
                        throw new DataFileException(Path, $"row {groupStarts[g] + r:N0}, column '{fields[index].Name}' (view '{Names[v]}'): {NpyReader.FormatValue(column[r])}{(double.IsFinite(column[r]) ? " overflows float32" : "")}; data must be finite.");
                    values[v][(long)r * width + c] = value;
                }
            }
        }
        return (rows, values);
    }

    /// <summary>Closes the Parquet reader and its file.</summary>
    public void Dispose()
    {
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        stream.Dispose();
    }
}
