namespace Sdl.Runtime.Data;

/// <summary>The content of one IDX file of unsigned bytes: its dimensions and its data, row-major.</summary>
internal sealed class IdxArray
{
    /// <summary>Wraps the dimensions and row-major data read from an IDX file (no copy).</summary>
    public IdxArray(IReadOnlyList<int> dimensions, byte[] data)
    {
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>Dimension sizes as the header gives them; the first is the sample count.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>All elements, row-major, exactly as stored.</summary>
    public byte[] Data { get; }
}
