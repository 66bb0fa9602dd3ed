namespace Sdl.Runtime.Data;

/// <summary>Training, validation and test parts of a data set, drawn with a seed so runs can be repeated.</summary>
public sealed record DatasetSplit(MultiViewDataset Train, MultiViewDataset Validation, MultiViewDataset Test)
{
    /// <summary>
    /// Splits one pool by a seeded permutation: the first <paramref name="testFraction"/> goes to
    /// test, the next <paramref name="validationFraction"/> to validation, the rest to training.
    /// </summary>
    public static DatasetSplit Random(MultiViewDataset pool, double validationFraction, double testFraction, int seed)
    {
        CheckFraction(validationFraction, nameof(validationFraction));
        CheckFraction(testFraction, nameof(testFraction));
        var order = Permutation(pool.Count, seed);
        int testCount = (int)Math.Round(pool.Count * testFraction);
        int validationCount = (int)Math.Round(pool.Count * validationFraction);
        if (testCount + validationCount >= pool.Count)
            throw new ArgumentException($"Validation ({validationFraction:P0}) and test ({testFraction:P0}) leave no training samples out of {pool.Count:N0}.");
        return new DatasetSplit(
            pool.Subset(order[(testCount + validationCount)..], $"{pool.Description} [train]"),
            pool.Subset(order[testCount..(testCount + validationCount)], $"{pool.Description} [validation]"),
            pool.Subset(order[..testCount], $"{pool.Description} [test]"));
    }

    /// <summary>Keeps an official test set and carves validation out of the training pool with a seed.</summary>
    public static DatasetSplit WithTestSet(MultiViewDataset pool, MultiViewDataset test, double validationFraction, int seed)
    {
        CheckFraction(validationFraction, nameof(validationFraction));
        if (test.Views.Count != pool.Views.Count || test.Views.Zip(pool.Views).Any(p => p.First.Width != p.Second.Width))
            throw new DataShapeException($"The test set ({test.Description}) has views of other widths than the training pool ({pool.Description}).");
        var order = Permutation(pool.Count, seed);
        int validationCount = (int)Math.Round(pool.Count * validationFraction);
        return new DatasetSplit(
            pool.Subset(order[validationCount..], $"{pool.Description} [train]"),
            pool.Subset(order[..validationCount], $"{pool.Description} [validation]"),
            test);
    }

    /// <summary>A uniformly random permutation of 0..n−1 from <paramref name="seed"/> (Fisher–Yates).</summary>
    public static int[] Permutation(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        new System.Random(seed).Shuffle(order);
        return order;
    }

    static void CheckFraction(double fraction, string name)
    {
        if (fraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(name, fraction, "A split fraction must lie in [0, 1).");
    }
}
