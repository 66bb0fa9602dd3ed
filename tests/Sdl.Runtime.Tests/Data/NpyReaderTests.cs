using Sdl.Runtime.Data;

namespace Sdl.Runtime.Tests.Data;

public class NpyReaderTests
{
    public static TheoryData<string, bool> DtypesAndOrders()
    {
        var data = new TheoryData<string, bool>();
        foreach (var descr in new[] { "<f4", ">f4", "<f8", ">f8", "<f2", ">f2", "|i1", "|u1", "|b1", "<i2", ">i2", "<u2", "<i4", ">i4", "<u4", ">u4", "<i8", ">i8", "<u8", ">u8" })
            foreach (var fortran in new[] { false, true })
                data.Add(descr, fortran);
        return data;
    }

    [Theory]
    [MemberData(nameof(DtypesAndOrders))]
    public void ReadsEveryDtype_InBothOrders_AsFloat32InCOrder(string descr, bool fortran)
    {
        using var files = new NpyTestFiles();
        long[] shape = [7, 5];
        var values = NpyTestFiles.Values(descr, 35, seed: descr.GetHashCode(StringComparison.Ordinal) & 0xffff);
        var path = files.Write("view.npy", NpyTestFiles.Npy(descr, shape, values, fortran));

        var array = NpyReader.Read(path);

        Assert.Equal(shape, array.Shape);
        Assert.Equal(descr.Replace("|b1", "|b1"), array.StoredType.Descr);
        Assert.Equal(values.Select(v => (float)v).ToArray(), array.Values);
        Assert.Equal((7, 5), (array.Count, array.Width));
    }

    [Fact]
    public void FortranOrder_ThreeDimensions_BecomesSamplesTimesFlattenedFeatures()
    {
        using var files = new NpyTestFiles();
        long[] shape = [4, 3, 2];
        var values = NpyTestFiles.Values("<f8", 24, seed: 3);
        var path = files.Write("cube.npy", NpyTestFiles.Npy("<f8", shape, values, fortran: true, version: 2));

        var view = NpyReader.Read(path).ToView("cube");

        Assert.Equal((4, 6), (view.Count, view.Width));
        Assert.Equal(values.Select(v => (float)v).ToArray(), view.Values);
    }

    [Fact]
    public void OneDimensionalArray_IsOneFeaturePerSample()
    {
        using var files = new NpyTestFiles();
        var path = files.Write("x.npy", NpyTestFiles.Npy("<f4", [6], [1, 2, 3, 4, 5, 6]));
        var view = NpyReader.Read(path).ToView("x");
        Assert.Equal((6, 1), (view.Count, view.Width));
    }

    public static TheoryData<string, byte[], string> Corruptions()
    {
        var good = NpyTestFiles.Npy("<f4", [3, 2], [1, 2, 3, 4, 5, 6]);
        var nanData = NpyTestFiles.Npy("<f8", [3, 2], [1, 2, 3, double.NaN, 5, 6]);
        var infData = NpyTestFiles.Npy(">f4", [3, 2], [1, 2, 3, 4, double.NegativeInfinity, 6]);
        var overflow = NpyTestFiles.Npy("<f8", [3, 2], [1, 2, 3, 4, 5, 1e300]);
        return new TheoryData<string, byte[], string>
        {
            { "not NumPy at all", "hello, world"u8.ToArray(), "bad magic string" },
            { "shorter than the magic", [0x93, (byte)'N'], "truncated: 2 bytes" },
            { "unknown version", [.. good[..6], 9, 0, .. good[8..]], "format version 9.0" },
            { "header cut short", good[..40], "truncated: the header declares" },
            { "data cut short", good[..^3], "truncated: shape (3, 2) of <f4 needs 24 data bytes" },
            { "extra bytes", [.. good, 1, 2, 3], "3 unexpected bytes" },
            { "NaN", nanData, "NaN at sample 1, feature 1 (shape (3, 2))" },
            { "infinity", infData, "-∞ at sample 2, feature 0" },
            { "float64 beyond float32", overflow, "1E+300 at sample 2, feature 1 (shape (3, 2)): the value overflows float32" },
            { "object dtype", Retype(good, "<f4", "|O8"), "wrong dtype: dtype '|O8' (Python objects)" },
            { "complex dtype", Retype(good, "<f4", "<c8"), "wrong dtype: dtype '<c8' (complex numbers)" },
            { "string dtype", Retype(good, "<f4", "<U1"), "wrong dtype: dtype '<U1' (strings)" },
            { "structured dtype", Structured(), "wrong dtype: the array is structured" },
        };
    }

    static byte[] Retype(byte[] npy, string from, string to)
    {
        var text = System.Text.Encoding.Latin1.GetString(npy);
        return System.Text.Encoding.Latin1.GetBytes(text.Replace($"'{from}'", $"'{to}'"));
    }

    static byte[] Structured()
    {
        var header = "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }";
        header = header.PadRight(118) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header), .. new byte[16]];
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void BadFile_IsNamedWithItsProblem(string _, byte[] content, string expected)
    {
        using var files = new NpyTestFiles();
        var path = files.Write("bad.npy", content);
        var error = Assert.Throws<DataFileException>(() => NpyReader.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains(expected, error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void MissingFile_IsNamed()
    {
        var error = Assert.Throws<DataFileException>(() => NpyReader.Read("/nonexistent/left.npy"));
        Assert.Equal("/nonexistent/left.npy: file not found.", error.Message);
    }

    [Fact]
    public void Views_WithDifferentSampleCounts_NameBothFiles()
    {
        using var files = new NpyTestFiles();
        var left = files.Write("left.npy", NpyTestFiles.Npy("<f4", [5, 2], NpyTestFiles.Values("<f4", 10, 1)));
        var right = files.Write("right.npy", NpyTestFiles.Npy("<f4", [4, 3], NpyTestFiles.Values("<f4", 12, 2)));

        var error = Assert.Throws<DataFileException>(() => NumPyViews.Load([("left", left), ("right", right)]));

        Assert.Equal(right, error.FilePath);
        Assert.Contains("shape mismatch between views: view 'right' has 4 samples but view 'left'", error.Message);
        Assert.Contains(left, error.Message);
    }

    [Fact]
    public void TwoNpyViews_AndIntegerLabels_BecomeADataset()
    {
        using var files = new NpyTestFiles();
        var leftValues = NpyTestFiles.Values("<f4", 10, 1);
        var rightValues = NpyTestFiles.Values(">f8", 15, 2);
        var left = files.Write("left.npy", NpyTestFiles.Npy("<f4", [5, 2], leftValues));
        var right = files.Write("right.npy", NpyTestFiles.Npy(">f8", [5, 3], rightValues, fortran: true));
        var labels = files.Write("labels.npy", NpyTestFiles.Npy(">i8", [5], [0, 1, 2, 1, 0]));

        var data = NumPyViews.Load([("left", left), ("right", right)], labels);

        Assert.Equal(5, data.Count);
        Assert.Equal(["left", "right"], data.Views.Select(v => v.Name));
        Assert.Equal(rightValues.Select(v => (float)v), data.Views[1].Values);
        Assert.Equal([0, 1, 2, 1, 0], data.Labels!);
        Assert.Equal(3, data.ClassCount);
    }

    [Theory]
    [InlineData("<f4", "[5]", "wrong dtype for labels: <f4")]
    [InlineData("<i4", "[5, 2]", "labels must be one-dimensional")]
    [InlineData("<i4", "[4]", "4 labels for 5 samples")]
    [InlineData("<i2", "neg", "label 2 is -1")]
    public void BadLabels_AreNamed(string descr, string shapeText, string expected)
    {
        using var files = new NpyTestFiles();
        var left = files.Write("left.npy", NpyTestFiles.Npy("<f4", [5, 2], NpyTestFiles.Values("<f4", 10, 1)));
        var labelsFile = shapeText switch
        {
            "[5, 2]" => NpyTestFiles.Npy(descr, [5, 2], new double[10]),
            "[4]" => NpyTestFiles.Npy(descr, [4], [0, 1, 0, 1]),
            "neg" => NpyTestFiles.Npy(descr, [5], [0, 1, -1, 1, 0]),
            _ => NpyTestFiles.Npy(descr, [5], [0, 1, 1, 1, 0]),
        };
        var labels = files.Write("labels.npy", labelsFile);
        var error = Assert.Throws<DataFileException>(() => NumPyViews.Load([("left", left)], labels));
        Assert.Equal(labels, error.FilePath);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Npz_StoredOrCompressed_ViewsAndLabelsByArrayName(bool compressed)
    {
        using var files = new NpyTestFiles();
        var a = NpyTestFiles.Values("<f8", 12, 4);
        var b = NpyTestFiles.Values("<i4", 8, 5);
        var path = files.Write("views.npz", NpyTestFiles.Npz(compressed,
            ("a", NpyTestFiles.Npy("<f8", [4, 3], a)),
            ("b", NpyTestFiles.Npy("<i4", [4, 2], b, fortran: true)),
            ("y", NpyTestFiles.Npy("|u1", [4], [3, 1, 0, 2]))));

        Assert.Equal(["a", "b", "y"], NpzReader.ArrayNames(path));
        var data = NumPyViews.LoadNpz(path, ["a", "b"], "y");

        Assert.Equal(a.Select(v => (float)v), data.Views[0].Values);
        Assert.Equal(b.Select(v => (float)v), data.Views[1].Values);
        Assert.Equal([3, 1, 0, 2], data.Labels!);
    }

    [Fact]
    public void Npz_MissingArray_ListsTheArraysItHas()
    {
        using var files = new NpyTestFiles();
        var path = files.Write("views.npz", NpyTestFiles.Npz(false, ("a", NpyTestFiles.Npy("<f4", [2, 2], [1, 2, 3, 4]))));
        var error = Assert.Throws<DataFileException>(() => NumPyViews.LoadNpz(path, ["a", "b"]));
        Assert.Equal($"{path}: no array 'b' in the archive; it holds 'a'.", error.Message);
    }

    [Fact]
    public void Npz_NanInsideAnArray_NamesArchiveAndArray()
    {
        using var files = new NpyTestFiles();
        var path = files.Write("views.npz", NpyTestFiles.Npz(true, ("left", NpyTestFiles.Npy("<f4", [2, 2], [1, 2, double.PositiveInfinity, 4]))));
        var error = Assert.Throws<DataFileException>(() => NumPyViews.LoadNpz(path, ["left"]));
        Assert.Equal($"{path}[left]", error.FilePath);
        Assert.Contains("+∞ at sample 1, feature 0", error.Message);
    }

    [Fact]
    public void NotAZip_IsNamedAsNotAnNpz()
    {
        using var files = new NpyTestFiles();
        var path = files.Write("views.npz", NpyTestFiles.Npy("<f4", [2, 2], [1, 2, 3, 4]));
        var error = Assert.Throws<DataFileException>(() => NumPyViews.LoadNpz(path, ["a"]));
        Assert.Contains("not an .npz archive", error.Message);
    }

    [Fact]
    public void Writer_RoundTripsThroughTheReader_WithAHeaderAlignedTo64Bytes()
    {
        using var files = new NpyTestFiles();
        var values = NpyTestFiles.Values("<f4", 3 * 17, 9).Select(v => (float)v).ToArray();
        var path = files.Path("out/embeddings.npy");
        NpyWriter.Write(path, values, 3, 17);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0, (bytes.Length - values.Length * 4) % 64);
        var array = NpyReader.Read(path);
        Assert.Equal(new long[] { 3, 17 }, array.Shape);
        Assert.Equal(values, array.Values);
        Assert.Empty(Directory.GetFiles(files.Path("out"), "*.tmp"));
    }
}
