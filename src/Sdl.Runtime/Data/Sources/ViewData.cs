namespace Sdl.Runtime.Data;

/// <summary>One view of a data set: <see cref="Count"/> samples of <see cref="Width"/> features, row-major floats.</summary>
public sealed class ViewData
{
    /// <summary>Wraps <paramref name="values"/> (no copy) as samples of <paramref name="width"/> features each.</summary>
    /// <exception cref="DataShapeException">The width is not positive, or the values are not a whole number of samples.</exception>
    public ViewData(string name, float[] values, int width)
    {
        if (width <= 0) throw new DataShapeException($"View '{name}' must have a positive width, got {width}.");
        if (values.Length % width != 0)
            throw new DataShapeException($"View '{name}': {values.Length:N0} values are not a whole number of samples of {width} features.");
        Name = name;
        Values = values;
        Width = width;
    }

    /// <summary>The view's name, as in the model's <c>[View]</c> declarations.</summary>
    public string Name { get; }
    /// <summary>All features, sample after sample (row-major, <see cref="Width"/> per sample).</summary>
    public float[] Values { get; }
    /// <summary>Features per sample.</summary>
    public int Width { get; }
    /// <summary>Number of samples.</summary>
    public int Count => Values.Length / Width;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index) => Values.AsSpan(index * Width, Width);
}
