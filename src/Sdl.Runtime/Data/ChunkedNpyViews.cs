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
public sealed class ChunkedNpyViews : IDisposable
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
    public IReadOnlyList<NpyMemoryMap> Views => maps;
    /// <summary>Number of samples (the same in every view's file).</summary>
    public long Count => maps[0].Count;
    /// <summary>Consecutive samples per chunk: the unit of reading and of the epoch's chunk order.</summary>
    public int ChunkRows { get; }

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
    /// beyond 2^31 samples are read but their indices wrap).
    /// </summary>
    public IEnumerable<MiniBatch> Epoch(int epoch, int batchSize, int seed, Device device, IReadOnlyList<IReadOnlyList<long>>? viewShapes = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        long chunks = (Count + ChunkRows - 1) / ChunkRows;
        var random = new Random(MiniBatchLoader.EpochSeed(seed, epoch));
        var chunkOrder = Enumerable.Range(0, checked((int)chunks)).ToArray();
        random.Shuffle(chunkOrder);
        var buffers = maps.Select(m => new float[(long)ChunkRows * m.Width]).ToArray();
        // Samples waiting for a batch: (buffer copy of the row, sample index) per view, carried across chunks.
        var pending = maps.Select(m => new List<float>(batchSize * m.Width)).ToArray();
        var pendingIndices = new List<long>(batchSize);
        foreach (var chunk in chunkOrder)
        {
            long first = (long)chunk * ChunkRows;
            int rows = (int)Math.Min(ChunkRows, Count - first);
            for (int v = 0; v < maps.Length; v++) maps[v].ReadRows(first, rows, buffers[v]);
            var order = Enumerable.Range(0, rows).ToArray();
            random.Shuffle(order);
            foreach (var row in order)
            {
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

    /// <summary>Releases the memory maps of every view's file.</summary>
    public void Dispose()
    {
        foreach (var map in maps) map.Dispose();
    }
}
