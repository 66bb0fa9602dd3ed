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
public sealed class ChunkedParquetViews : IMultiViewBatchSource, IDisposable
{
    readonly Stream stream;
    readonly ParquetReader reader;
    readonly DataField[] fields;
    readonly int[][] columns;
    readonly long[] groupStarts;

    ChunkedParquetViews(string path, Stream stream, ParquetReader reader, IReadOnlyList<ViewColumns> views, DataField[] fields, int[][] columns, long[] groupStarts, long count, string columnRoles)
    {
        ColumnRoles = columnRoles;
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
    /// <summary>Which columns went to which view (and which column, if any, was set aside as the label): <c>Left = l0..l39 (40 columns); Right = ...</c>.</summary>
    public string ColumnRoles { get; }
    /// <summary>The file read and its columns' roles, for messages and reports.</summary>
    public string Description => $"{Path} (read one row group at a time, {RowGroups:N0} groups; {ColumnRoles})";
    /// <summary>The view names (the same as <see cref="Names"/>).</summary>
    public IReadOnlyList<string> ViewNames => Names;
    /// <summary>Features per view (the same as <see cref="Widths"/>).</summary>
    public IReadOnlyList<int> ViewWidths => Widths;
    /// <summary>Always false: the views carry no labels.</summary>
    public bool HasLabels => false;
    /// <summary>Always 0 (unlabelled).</summary>
    public int ClassCount => 0;

    /// <summary>Full batches per epoch (a remainder is carried across row groups, so only the last partial batch is dropped).</summary>
    public long BatchesPerEpoch(int batchSize) => Count / batchSize;

    /// <summary>
    /// Opens <paramref name="path"/> and resolves the views' columns; the data is read per epoch. The batches carry
    /// no labels; <paramref name="labelColumn"/> names a column that is not a feature (the labels, kept for
    /// evaluation), so that no view's prefix takes it and no view may name it.
    /// </summary>
    public static ChunkedParquetViews Open(string path, IReadOnlyList<ViewColumns> views, string? labelColumn = null)
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
            var resolved = TableColumns.Resolve(views, names, names.Length, labelColumn, null, path);
            var columns = resolved.Columns;
            var starts = new long[reader.RowGroupCount];
            long count = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                starts[g] = count;
                using var group = reader.OpenRowGroupReader(g);
                count += group.RowCount;
            }
            if (count == 0) throw new DataFileException(path, "the file has no rows.");
            return new ChunkedParquetViews(path, stream, reader, views, fields, columns, starts, count, resolved.Describe(labelsRead: false));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The full batches of epoch <paramref name="epoch"/> (order depends only on seed and epoch), views shaped
    /// [batch, ...<paramref name="viewShapes"/>[v]] (null: [batch, features]). The first <paramref name="skipBatches"/>
    /// batches are left out without reading their row groups (the shuffles still run, so the rest keeps its order).
    /// </summary>
    public IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(skipBatches);
        if (viewShapes is not null && viewShapes.Count != columns.Length)
            throw new DataShapeException($"{Description}: {viewShapes.Count} view shapes given for {columns.Length} views.");
        return Batches(epoch, batchSize, seed, device, viewShapes, skipBatches);
    }

    IEnumerable<MiniBatch> Batches(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes, long skipBatches)
    {
        var random = new Random(MiniBatchLoader.EpochSeed(seed, epoch));
        var groupOrder = Enumerable.Range(0, reader.RowGroupCount).ToArray();
        random.Shuffle(groupOrder);
        var pending = columns.Select(c => new List<float>(batchSize * c.Length)).ToArray();
        var pendingIndices = new List<int>(batchSize);
        // Batch b holds the rows visited at positions [b·batchSize, (b+1)·batchSize) of the epoch.
        long skipRows = skipBatches * batchSize, visited = 0;
        foreach (var g in groupOrder)
        {
            long groupRows = (g + 1 < groupStarts.Length ? groupStarts[g + 1] : Count) - groupStarts[g];
            if (visited + groupRows <= skipRows)
            {
                random.Shuffle(Enumerable.Range(0, (int)groupRows).ToArray()); // keeps the random stream where the uninterrupted epoch has it
                visited += groupRows;
                continue;
            }
            var (rows, values) = ReadGroup(g);
            var order = Enumerable.Range(0, rows).ToArray();
            random.Shuffle(order);
            foreach (var row in order)
            {
                if (visited++ < skipRows) continue;
                for (int v = 0; v < columns.Length; v++)
                    pending[v].AddRange(values[v].AsSpan(row * columns[v].Length, columns[v].Length));
                pendingIndices.Add(unchecked((int)(groupStarts[g] + row)));
                if (pendingIndices.Count == batchSize)
                {
                    var views = columns.Select((c, v) => tensor(pending[v].ToArray(), viewShapes is null ? [batchSize, c.Length] : [batchSize, .. viewShapes[v]], device: device)).ToArray();
                    yield return new MiniBatch(views, null, [.. pendingIndices]);
                    foreach (var p in pending) p.Clear();
                    pendingIndices.Clear();
                }
            }
        }
    }

    /// <summary>
    /// At most <paramref name="maxSamples"/> rows: whole row groups taken in an order seeded with
    /// <paramref name="seed"/> until there are enough, then a seeded subset of them. Memory holds the
    /// groups read (Parquet reads a column a group at a time), not the file.
    /// </summary>
    public MultiViewDataset LoadSample(int maxSamples, int seed)
    {
        var random = new Random(seed);
        var groupOrder = Enumerable.Range(0, reader.RowGroupCount).ToArray();
        random.Shuffle(groupOrder);
        var taken = columns.Select(_ => new List<float>()).ToArray();
        int rowsTaken = 0;
        foreach (var g in groupOrder)
        {
            if (rowsTaken >= maxSamples) break;
            var (rows, values) = ReadGroup(g);
            for (int v = 0; v < columns.Length; v++) taken[v].AddRange(values[v]);
            rowsTaken += rows;
        }
        var views = columns.Select((c, v) => new ViewData(Names[v], [.. taken[v]], c.Length)).ToList();
        var data = new MultiViewDataset(views, null, $"seeded sample of {Path}");
        return data.LoadSample(maxSamples, seed);
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
