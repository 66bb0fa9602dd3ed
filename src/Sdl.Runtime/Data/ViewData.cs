namespace Sdl.Runtime.Data;

/// <summary>One view of a data set: <see cref="Count"/> samples of <see cref="Width"/> features, row-major floats.</summary>
public sealed class ViewData
{
    public ViewData(string name, float[] values, int width)
    {
        if (width <= 0) throw new DataShapeException($"View '{name}' must have a positive width, got {width}.");
        if (values.Length % width != 0)
            throw new DataShapeException($"View '{name}': {values.Length:N0} values are not a whole number of samples of {width} features.");
        Name = name;
        Values = values;
        Width = width;
    }

    public string Name { get; }
    public float[] Values { get; }
    public int Width { get; }
    public int Count => Values.Length / Width;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index) => Values.AsSpan(index * Width, Width);
}
