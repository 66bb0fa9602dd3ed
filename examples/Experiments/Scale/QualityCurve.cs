namespace Sdl.Examples.Experiments.Scale;

/// <summary>Reading validation curves against time: when a run first reaches a target score.</summary>
public static class QualityCurve
{
    /// <summary>The share of the best score that counts as reaching it (95 %).</summary>
    public const double TargetShare = 0.95;

    /// <summary>
    /// The first validation of <paramref name="curve"/> (in time order) whose score is at least
    /// <paramref name="target"/>, or null when none is ("never" within the budget). Only validated
    /// points count: the time between two validations is not interpolated, so the answer is the
    /// time of the validation that first showed the target, an upper bound by at most one slice.
    /// </summary>
    public static CurvePoint? FirstReaching(IReadOnlyList<CurvePoint> curve, double target)
    {
        if (!double.IsFinite(target)) return null;
        foreach (var point in curve.OrderBy(p => p.CpuSeconds))
            if (double.IsFinite(point.Score) && point.Score >= target) return point;
        return null;
    }

    /// <summary>The best finite score of any curve (NaN when none has one).</summary>
    public static double BestScore(IEnumerable<IReadOnlyList<CurvePoint>> curves)
    {
        var scores = curves.SelectMany(c => c).Select(p => p.Score).Where(double.IsFinite).ToList();
        return scores.Count == 0 ? double.NaN : scores.Max();
    }

    /// <summary>The first point of <paramref name="curve"/> with its best score (null for an empty or all-NaN curve).</summary>
    public static CurvePoint? Best(IReadOnlyList<CurvePoint> curve) =>
        curve.Where(p => double.IsFinite(p.Score)).OrderByDescending(p => p.Score).ThenBy(p => p.CpuSeconds).FirstOrDefault();
}
