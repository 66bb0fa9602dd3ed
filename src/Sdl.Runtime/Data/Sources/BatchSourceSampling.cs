namespace Sdl.Runtime.Data;

/// <summary>Seeded draws of sample numbers from sources too large to permute whole.</summary>
static class BatchSourceSampling
{
    /// <summary>
    /// <paramref name="count"/> distinct row numbers of [0, <paramref name="rows"/>), sorted, drawn with
    /// <paramref name="seed"/> (Floyd's method: memory in the draw, not in the rows, and no retries).
    /// </summary>
    public static long[] DistinctRows(long rows, int count, int seed)
    {
        var random = new Random(seed);
        var chosen = new HashSet<long>(count);
        for (long j = rows - count; j < rows; j++)
        {
            long t = random.NextInt64(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }
        var sorted = chosen.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
