namespace Sdl.Examples.Experiments;

/// <summary>Mean and sample standard deviation of repeated measurements, formatted as "mean ± std".</summary>
public sealed record Summary(double Mean, double StandardDeviation, int Count)
{
    public static Summary Of(IReadOnlyCollection<double> values)
    {
        double mean = values.Average();
        double variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new Summary(mean, Math.Sqrt(variance), values.Count);
    }

    public string Format(string format) => Count > 1 ? $"{Mean.ToString(format)} ± {StandardDeviation.ToString(format)}" : Mean.ToString(format);
}
