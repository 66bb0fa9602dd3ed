namespace Sdl.Runtime.Data;

/// <summary>
/// A NumPy array read into memory as float32 in C (row-major) order, whatever its stored type and
/// order. <see cref="Shape"/>[0] is the sample count; the other dimensions are one sample's shape.
/// </summary>
public sealed class NpyArray
{
    /// <summary>Wraps an array already converted to float32 C order; <paramref name="source"/> names where it came from.</summary>
    public NpyArray(long[] shape, float[] values, NpyDataType storedType, string source)
    {
        Shape = shape;
        Values = values;
        StoredType = storedType;
        Source = source;
    }

    /// <summary>The array's shape as stored.</summary>
    public long[] Shape { get; }

    /// <summary>The elements as float32, in C order.</summary>
    public float[] Values { get; }

    /// <summary>The element type in the file (the values were converted from it).</summary>
    public NpyDataType StoredType { get; }

    /// <summary>The file (and, inside an .npz, the array) it came from.</summary>
    public string Source { get; }

    /// <summary>Samples: the first dimension.</summary>
    public int Count => Shape.Length == 0 ? 1 : (int)Shape[0];

    /// <summary>Features of one sample (the product of the dimensions after the first; 1 for a 1-D array).</summary>
    public int Width => (int)Shape.Skip(1).Aggregate(1L, (a, b) => a * b);

    /// <summary>This array as the view <paramref name="name"/> (one sample per first-dimension entry).</summary>
    public ViewData ToView(string name)
    {
        if (Shape.Length == 0)
            throw new DataFileException(Source, $"view '{name}': the array is a scalar (shape ()); a view needs shape (samples, features).");
        if (Width == 0)
            throw new DataFileException(Source, $"view '{name}': shape {NpyReader.ShapeText(Shape)} has no features per sample.");
        return new ViewData(name, Values, Width);
    }
}
