using static TorchSharp.torch;

namespace Sdl.Benchmarks;

/// <summary>One timed variant: a name and an action that runs one iteration (in its own dispose scope).</summary>
internal sealed record Variant(string Name, Action Run);

/// <summary>Medians of each variant and of its ratio to the baseline (the first variant).</summary>
internal sealed record Measurement(string Name, double MedianMilliseconds, double MedianRatio, IReadOnlyList<double> Times);

/// <summary>
/// Times variants interleaved round by round (baseline, A, B, baseline, B, A, ...) so that a change
/// in machine load hits all of them alike; ratios are taken within each round, then their median.
/// The baseline opens every round; the others take turns in the order after it, because a variant's
/// cold call pays for what its predecessor left in the caches (measured: whichever SDL norm ran
/// right after the other was 3 to 5 % slower at k = 256, so a fixed order favoured one norm).
/// </summary>
internal static class SideBySide
{
    /// <param name="callsPerRound">
    /// Consecutive calls of each variant per round (the time is per call). 1 times every call cold:
    /// the other variants and, on a shared machine, other processes have evicted its data and code
    /// from the caches since its last call. More calls measure the warm cost per call, as in a loop.
    /// </param>
    public static IReadOnlyList<Measurement> Measure(IReadOnlyList<Variant> variants, int warmUp, int rounds, int callsPerRound = 1)
    {
        double RunOnce(Variant variant) => RunCalls(variant, callsPerRound);
        for (int i = 0; i < warmUp; i++)
            foreach (var variant in variants) RunOnce(variant);

        var times = variants.Select(_ => new List<double>()).ToArray();
        var ratios = variants.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            var roundTimes = new double[variants.Count];
            foreach (int v in TurnOrder(round, variants.Count)) roundTimes[v] = RunOnce(variants[v]);
            for (int v = 0; v < variants.Count; v++)
            {
                times[v].Add(roundTimes[v]);
                ratios[v].Add(roundTimes[v] / roundTimes[0]);
            }
        }
        return variants.Select((variant, v) => new Measurement(variant.Name, Median(times[v]), Median(ratios[v]), times[v])).ToArray();
    }

    /// <summary>The median over rounds of <paramref name="a"/>'s time over <paramref name="b"/>'s (same round).</summary>
    public static double MedianRatio(Measurement a, Measurement b) => Median(a.Times.Zip(b.Times, (x, y) => x / y).ToList());

    private static double RunCalls(Variant variant, int calls)
    {
        double start = Clock.NowMilliseconds();
        for (int call = 0; call < calls; call++)
            using (NewDisposeScope()) variant.Run();
        return (Clock.NowMilliseconds() - start) / calls;
    }

    /// <summary>The order of round <paramref name="round"/>: the baseline (0) first, then the others rotated by one place per round.</summary>
    public static IEnumerable<int> TurnOrder(int round, int count)
    {
        yield return 0;
        for (int turn = 0; turn < count - 1; turn++) yield return 1 + (round + turn) % (count - 1);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
