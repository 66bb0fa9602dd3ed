namespace Sdl.Runtime.Data;

/// <summary>
/// Grey-scale images and their class labels, as stored in an IDX image/label file pair:
/// <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> bytes, row-major.
/// </summary>
public sealed class LabeledImages
{
    /// <summary>Checks that <paramref name="pixels"/> holds one <paramref name="rows"/> × <paramref name="columns"/> image per label, and wraps the arrays (no copy).</summary>
    /// <exception cref="DataShapeException">Non-positive image size, or a pixel count that does not match the labels.</exception>
    public LabeledImages(byte[] pixels, byte[] labels, int rows, int columns, string source)
    {
        if (rows <= 0 || columns <= 0)
            throw new DataShapeException($"{source}: images must have positive size, got {rows} × {columns}.");
        if (pixels.Length != (long)labels.Length * rows * columns)
            throw new DataShapeException($"{source}: {pixels.Length:N0} pixel bytes do not make {labels.Length:N0} images of {rows} × {columns}.");
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
        Source = source;
    }

    /// <summary>All pixels, image after image, each row-major.</summary>
    public byte[] Pixels { get; }

    /// <summary>One class label per image.</summary>
    public byte[] Labels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Rows { get; }
    /// <summary>Image width in pixels.</summary>
    public int Columns { get; }
    /// <summary>Number of images (one per label).</summary>
    public int Count => Labels.Length;
    /// <summary>Bytes of one image: <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>Where the images came from (a file path or a description), for messages and reports.</summary>
    public string Source { get; }

    /// <summary>Number of classes: one more than the largest label.</summary>
    public int ClassCount => Labels.Length == 0 ? 0 : Labels.Max() + 1;

    /// <summary>The same images under another <see cref="Source"/> name (shares the arrays).</summary>
    public LabeledImages WithSource(string source) => new(Pixels, Labels, Rows, Columns, source);

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);

    /// <summary>How many images each class has, indexed by label.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (var label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>
    /// Reads an IDX image file and its label file, checking that they describe the same number of
    /// samples. Either may be gzip-compressed.
    /// </summary>
    public static LabeledImages Load(string imagesPath, string labelsPath)
    {
        var images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        int imageCount = images.Dimensions[0], labelCount = labels.Dimensions[0];
        if (imageCount != labelCount)
            throw new DataFileException(labelsPath, $"image/label count mismatch: {labelCount:N0} labels but {imagesPath} holds {imageCount:N0} images.");
        return new LabeledImages(images.Data, labels.Data, images.Dimensions[1], images.Dimensions[2], imagesPath);
    }
}
