namespace Sdl.Runtime.Data;

/// <summary>
/// Data whose shape does not fit: views with different sample counts, or a data set that does not
/// match the model it is given to. Raised before any tensor work, with the sizes spelled out.
/// </summary>
public sealed class DataShapeException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> spells out the mismatched sizes.</summary>
    public DataShapeException(string message) : base(message) { }
}
