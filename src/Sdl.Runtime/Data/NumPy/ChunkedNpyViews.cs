using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Data;

/// <summary>
/// Views that stay on disk: one C-order <c>.npy</c> per view, memory-mapped, batched chunk by chunk.
/// An epoch visits the chunks (runs of <see cref="ChunkRows"/> consecutive samples) in a seeded
/// random order and shuffles the samples inside each chunk, so memory holds one chunk per view
/// whatever the file size, and reads stay sequential within a chunk. Batches are full
/// (a chunk's remainder that does not fill a batch is carried into the next chunk's batches).
/// </summary>
public sealed class ChunkedNpyViews : IMultiViewBatchSource, IDisposable
{
    readonly NpyMemoryMap[] maps;

    ChunkedNpyViews(IReadOnlyList<string> names, NpyMemoryMap[] maps, int chunkRows)
    {
        Names = names;
        this.maps = maps;
        ChunkRows = chunkRows;
    }

    /// <summary>The view names, in the order the files were given.</summary>
    public IReadOnlyList<string> Names { get; }
    /// <summary>The memory-mapped file of each view, in <see cref="Names"/> order.</summary>
    internal IReadOnlyList<NpyMemoryMap> Views => maps;
    /// <summary>Number of samples (the same in every view's file).</summary>
    public long Count => maps[0].Count;
    /// <summary>Consecutive samples per chunk: the unit of reading and of the epoch's chunk order.</summary>
    public int ChunkRows { get; }
    /// <summary>The files read, for messages and reports.</summary>
    public string Description => $"{string.Join(", ", maps.Select(m => m.Path))} (memory-mapped, chunks of {ChunkRows:N0} samples)";
    /// <summary>The view names (the same as <see cref="Names"/>).</summary>
    public IReadOnlyList<string> ViewNames => Names;
    /// <summary>Features per sample of each view's file.</summary>
    public IReadOnlyList<int> ViewWidths => maps.Select(m => m.Width).ToList();
    /// <summary>Always false: the views' files carry no labels.</summary>
    public bool HasLabels => false;
    /// <summary>Always 0 (unlabelled).</summary>
    public int ClassCount => 0;

    /// <summary>Opens one <c>.npy</c> per view; sample counts must agree (the message names both files otherwise).</summary>
    public static ChunkedNpyViews Open(IReadOnlyList<(string View, string Path)> views, int chunkRows = 65_536)
    {
        if (views.Count == 0) throw new ArgumentException("At least one view is needed.", nameof(views));
        if (chunkRows < 1) throw new ArgumentOutOfRangeException(nameof(chunkRows), chunkRows, "A chunk needs at least one row.");
        var maps = new List<NpyMemoryMap>();
        try
        {
            foreach (var (_, path) in views) maps.Add(NpyMemoryMap.Open(path));
            for (int v = 1; v < maps.Count; v++)
                if (maps[v].Count != maps[0].Count)
                    throw new DataFileException(maps[v].Path,
                        $"shape mismatch between views: view '{views[v].View}' has {maps[v].Count:N0} samples but view '{views[0].View}' ({maps[0].Path}) has {maps[0].Count:N0}; every view needs one row per sample, in the same order.");
            return new ChunkedNpyViews(views.Select(v => v.View).ToList(), [.. maps], chunkRows);
        }
        catch
        {
            foreach (var map in maps) map.Dispose();
            throw;
        }
    }

    /// <summary>Full batches per epoch.</summary>
    public long BatchesPerEpoch(int batchSize) => Count / batchSize;

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, built lazily on <paramref name="device"/>, each
    /// view shaped [batch, ...<paramref name="viewShapes"/>[v]] (null: [batch, features]). The order
    /// depends only on (seed, epoch). Indices in the batches are sample numbers (as int; data sets
    /// beyond 2^31 samples are read but their indices wrap). The first <paramref name="skipBatches"/>
    /// batches are left out without reading their chunks (the shuffles still run, so the order of the rest is unchanged).
    /// </summary>
    public IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null, long skipBatches = 0)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(skipBatches);
        if (viewShapes is not null && viewShapes.Count != maps.Length)
            throw new DataShapeException($"{Description}: {viewShapes.Count} view shapes given for {maps.Length} views.");
        return Batches(epoch, batchSize, seed, device, viewShapes, skipBatches);
    }

    IEnumerable<MiniBatch> Batches(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes, long skipBatches)
    {
        long chunks = (Count + ChunkRows - 1) / ChunkRows;
        var random = new Random(MiniBatchLoader.EpochSeed(seed, epoch));
        var chunkOrder = Enumerable.Range(0, checked((int)chunks)).ToArray();
        random.Shuffle(chunkOrder);
        var buffers = maps.Select(m => new float[(long)ChunkRows * m.Width]).ToArray();
        // Samples waiting for a batch: (buffer copy of the row, sample index) per view, carried across chunks.
        var pending = maps.Select(m => new List<float>(batchSize * m.Width)).ToArray();
        var pendingIndices = new List<long>(batchSize);
        // Batch b holds the samples visited at positions [b·batchSize, (b+1)·batchSize) of the epoch.
        long skipRows = skipBatches * batchSize, visited = 0;
        foreach (var chunk in chunkOrder)
        {
            long first = (long)chunk * ChunkRows;
            int rows = (int)Math.Min(ChunkRows, Count - first);
            var order = Enumerable.Range(0, rows).ToArray();
            if (visited + rows <= skipRows)
            {
                random.Shuffle(order); // keeps the random stream where the uninterrupted epoch has it
                visited += rows;
                continue;
            }
            for (int v = 0; v < maps.Length; v++) maps[v].ReadRows(first, rows, buffers[v]);
            random.Shuffle(order);
            foreach (var row in order)
            {
                if (visited++ < skipRows) continue;
                for (int v = 0; v < maps.Length; v++)
                    pending[v].AddRange(buffers[v].AsSpan(row * maps[v].Width, maps[v].Width));
                pendingIndices.Add(first + row);
                if (pendingIndices.Count == batchSize)
                {
                    yield return Create(pending, pendingIndices, device, viewShapes);
                    foreach (var p in pending) p.Clear();
                    pendingIndices.Clear();
                }
            }
        }
    }

    MiniBatch Create(List<float>[] pending, List<long> indices, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes)
    {
        var views = new Tensor[maps.Length];
        for (int v = 0; v < maps.Length; v++)
        {
            long[] shape = viewShapes is null ? [indices.Count, maps[v].Width] : [indices.Count, .. viewShapes[v]];
            views[v] = tensor(pending[v].ToArray(), shape, device: device);
        }
        return new MiniBatch(views, null, indices.Select(i => unchecked((int)i)).ToArray());
    }

    /// <summary>Samples [<paramref name="first"/>, first + count) in memory, as a data set (for validation or evaluation).</summary>
    public MultiViewDataset Load(long first, int count)
    {
        var views = maps.Select((m, v) =>
        {
            var values = new float[(long)count * m.Width];
            m.ReadRows(first, count, values);
            return new ViewSource(new ViewData(Names[v], values, m.Width), m.Path);
        }).ToList();
        return ViewSource.Assemble(views, null, null, $"samples {first:N0}..{first + count - 1:N0} of {string.Join(", ", maps.Select(m => System.IO.Path.GetFileName(m.Path)))}");
    }

    /// <summary>
    /// At most <paramref name="maxSamples"/> samples drawn without replacement with <paramref name="seed"/>
    /// (all of them when there are no more), read row by row in file order: memory holds the sample only.
    /// </summary>
    public MultiViewDataset LoadSample(int maxSamples, int seed)
    {
        if (Count <= maxSamples) return Load(0, checked((int)Count));
        var rows = BatchSourceSampling.DistinctRows(Count, maxSamples, seed);
        var views = maps.Select((m, v) =>
        {
            var values = new float[(long)rows.Length * m.Width];
            for (int r = 0; r < rows.Length; r++) m.ReadRows(rows[r], 1, values.AsSpan(r * m.Width, m.Width));
            return new ViewSource(new ViewData(Names[v], values, m.Width), m.Path);
        }).ToList();
        return ViewSource.Assemble(views, null, null, $"{rows.Length:N0} seeded samples of {string.Join(", ", maps.Select(m => System.IO.Path.GetFileName(m.Path)))}");
    }

    /// <summary>Releases the memory maps of every view's file.</summary>
    public void Dispose()
    {
        foreach (var map in maps) map.Dispose();
    }
}
