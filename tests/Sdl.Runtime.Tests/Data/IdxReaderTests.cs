using Sdl.Runtime.Data;

namespace Sdl.Runtime.Tests.Data;

public class IdxReaderTests
{
    static (byte[] Pixels, byte[] Labels) RandomImages(int count, int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * rows * columns];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.Next(10)).ToArray();
        return (pixels, labels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesAndLabels_ByteForByte(bool gzip)
    {
        using var files = new IdxTestFiles();
        var (pixels, labels) = RandomImages(count: 7, rows: 5, columns: 4, seed: 11);
        byte[] images = IdxTestFiles.Images(pixels, 7, 5, 4), labelFile = IdxTestFiles.Labels(labels);
        var imagesPath = files.Write(gzip ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte", gzip ? IdxTestFiles.Gzip(images) : images);
        var labelsPath = files.Write(gzip ? "train-labels-idx1-ubyte.gz" : "train-labels-idx1-ubyte", gzip ? IdxTestFiles.Gzip(labelFile) : labelFile);

        var loaded = LabeledImages.Load(imagesPath, labelsPath);

        Assert.Equal(7, loaded.Count);
        Assert.Equal(5, loaded.Rows);
        Assert.Equal(4, loaded.Columns);
        Assert.Equal(pixels, loaded.Pixels);
        Assert.Equal(labels, loaded.Labels);
    }

    [Fact]
    public void DetectsGzipBySignature_NotByName()
    {
        using var files = new IdxTestFiles();
        var labels = new byte[] { 3, 1, 4, 1, 5 };
        var path = files.Write("labels.idx", IdxTestFiles.Gzip(IdxTestFiles.Labels(labels)));
        Assert.Equal(labels, IdxReader.ReadLabels(path).Data);
    }

    public static TheoryData<string, byte[], string> Corruptions()
    {
        var (pixels, _) = RandomImages(3, 4, 4, seed: 5);
        var good = IdxTestFiles.Images(pixels, 3, 4, 4);
        var data = new TheoryData<string, byte[], string>
        {
            { "not IDX at all", "hello, world"u8.ToArray(), "bad magic number" },
            { "non-zero leading bytes", [0x1F, 0x00, .. good[2..]], "bad magic number" },
            { "float element type", [.. IdxTestFiles.Header(0x0D, 3, 4, 4), .. new byte[3 * 4 * 4 * 4]], "element type 0x0D" },
            { "label file given as images", IdxTestFiles.Labels([1, 2, 3]), "1 dimension(s), expected 3" },
            { "shorter than the magic number", [0, 0], "truncated" },
            { "header cut short", good[..9], "truncated: the header declares 3 dimensions" },
            { "data cut short", good[..^5], "truncated: the header promises 3 × 4 × 4 = 48 bytes" },
            { "extra bytes after the data", [.. good, 1, 2], "2 unexpected bytes" },
            { "negative dimension", [.. IdxTestFiles.Header(0x08, -3, 4, 4)], "negative" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void RejectsCorruptImageFile_NamingFileAndProblem(string corruption, byte[] content, string problem)
    {
        using var files = new IdxTestFiles();
        var path = files.Write($"corrupt-{corruption.Replace(' ', '-')}.idx", content);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void TruncatedGzip_IsReportedAsDamagedOrTruncated()
    {
        using var files = new IdxTestFiles();
        var (pixels, _) = RandomImages(50, 28, 28, seed: 9);
        var packed = IdxTestFiles.Gzip(IdxTestFiles.Images(pixels, 50, 28, 28));
        var path = files.Write("cut.gz", packed[..(packed.Length / 2)]);

        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadImages(path));

        Assert.Matches("truncated|damaged", error.Problem);
    }

    [Fact]
    public void MissingFile_IsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "sdl-no-such-file-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<DataFileException>(() => IdxReader.ReadLabels(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains("not found", error.Problem);
    }

    [Fact]
    public void ImageLabelCountMismatch_NamesBothFiles()
    {
        using var files = new IdxTestFiles();
        var (pixels, labels) = RandomImages(6, 3, 3, seed: 2);
        var imagesPath = files.Write("images", IdxTestFiles.Images(pixels, 6, 3, 3));
        var labelsPath = files.Write("labels", IdxTestFiles.Labels(labels[..5]));

        var error = Assert.Throws<DataFileException>(() => LabeledImages.Load(imagesPath, labelsPath));

        Assert.Equal(labelsPath, error.FilePath);
        Assert.Contains("image/label count mismatch: 5 labels", error.Problem);
        Assert.Contains(imagesPath, error.Problem);
    }

    [Fact]
    public void DataSource_FindsTrainAndTestPairs_AndNamesALonelyFile()
    {
        using var files = new IdxTestFiles();
        var (pixels, labels) = RandomImages(4, 2, 2, seed: 3);
        files.Write("train-images-idx3-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(pixels, 4, 2, 2)));
        files.Write("train-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Labels(labels)));
        files.Write("t10k-images-idx3-ubyte", IdxTestFiles.Images(pixels[..8], 2, 2, 2));
        files.Write("t10k-labels-idx1-ubyte", IdxTestFiles.Labels(labels[..2]));

        var source = ImageDataSource.Load(files.Directory);
        Assert.Equal(4, source.Train.Count);
        Assert.Equal(2, source.Test!.Count);
        Assert.Equal(pixels[..8], source.Test.Pixels);

        File.Delete(Path.Combine(files.Directory, "t10k-labels-idx1-ubyte"));
        var error = Assert.Throws<DataFileException>(() => ImageDataSource.Load(files.Directory));
        Assert.EndsWith("t10k-images-idx3-ubyte", error.FilePath);
        Assert.Contains("without its partner t10k-labels-idx1-ubyte", error.Problem);
    }
}
