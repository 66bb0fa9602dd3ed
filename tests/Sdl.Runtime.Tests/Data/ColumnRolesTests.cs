using System.Globalization;
using Parquet;
using Parquet.Schema;
using Sdl.Runtime.Data;

namespace Sdl.Runtime.Tests.Data;

/// <summary>
/// A table column has one role (one view's feature, or the label), with the same rules in every reader
/// that selects columns: CSV, Parquet and chunked Parquet. Each table cell holds its column's position
/// plus 1000 × its row, so the columns a view received can be read back from any sample.
/// </summary>
public class ColumnRolesTests
{
    public enum Reader { Csv, Parquet, ChunkedParquet }

    const int Rows = 6;

    sealed record Loaded(int[][] ViewColumns, int[]? Labels, string Description);

    /// <summary>Writes a table with <paramref name="header"/> (the label column holds row % 3) in the reader's format and loads it.</summary>
    static Loaded Load(Reader reader, NpyTestFiles files, string[] header, string? label, params ViewColumns[] views)
    {
        int labelIndex = label is null ? -1 : Array.IndexOf(header, label);
        double Cell(int row, int column) => column == labelIndex ? row % 3 : column + 1000 * row;
        if (reader == Reader.Csv)
        {
            var lines = new[] { string.Join(",", header) }.Concat(Enumerable.Range(0, Rows).Select(r =>
                string.Join(",", header.Select((_, c) => Cell(r, c).ToString(CultureInfo.InvariantCulture)))));
            var path = files.WriteText("table.csv", string.Join("\n", lines) + "\n");
            return FromDataset(CsvViews.Load(path, views, new CsvViewOptions { LabelColumn = label }));
        }
        var parquet = files.Path("table.parquet");
        WriteParquet(parquet, header, labelIndex, Cell).GetAwaiter().GetResult();
        if (reader == Reader.Parquet)
            return FromDataset(ParquetViews.Load(parquet, views, label));
        using var chunked = ChunkedParquetViews.Open(parquet, views, label);
        var sample = chunked.LoadSample(Rows, seed: 1);
        return new Loaded(FromDataset(sample).ViewColumns, null, chunked.Description);
    }

    static Loaded FromDataset(MultiViewDataset data) =>
        new(data.Views.Select(v => v.Sample(0).ToArray().Select(x => (int)x % 1000).ToArray()).ToArray(), data.Labels, data.Description);

    static async Task WriteParquet(string path, string[] header, int labelIndex, Func<int, int, double> cell)
    {
        var fields = header.Select((name, c) => c == labelIndex ? (DataField)new DataField<long>(name) : new DataField<double>(name)).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        foreach (var (start, count) in new[] { (0, 2), (2, Rows - 2) }) // two row groups
        {
            using var group = writer.CreateRowGroup();
            for (int c = 0; c < header.Length; c++)
            {
                var values = Enumerable.Range(start, count).Select(r => cell(r, c)).ToArray();
                if (c == labelIndex) await group.WriteAsync<long>((DataField)fields[c], values.Select(v => (long)v).ToArray().AsMemory());
                else await group.WriteAsync<double>((DataField)fields[c], values.AsMemory());
            }
        }
    }

    static string[] Columns(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray();

    static void AssertLabels(Reader reader, Loaded loaded)
    {
        if (reader == Reader.ChunkedParquet) Assert.Null(loaded.Labels); // chunked views set the label column aside
        else Assert.Equal(Enumerable.Range(0, Rows).Select(r => r % 3), loaded.Labels!);
    }

    public static TheoryData<Reader> Readers() => [Reader.Csv, Reader.Parquet, Reader.ChunkedParquet];

    [Theory]
    [MemberData(nameof(Readers))]
    public void ThePrefixOfAView_DoesNotTakeTheLabelColumn_TheReportedCase(Reader reader)
    {
        using var files = new NpyTestFiles();
        string[] header = [.. Columns("l", 40), .. Columns("r", 30), "label"];

        var loaded = Load(reader, files, header, "label", ViewColumns.WithPrefix("Left", "l"), ViewColumns.WithPrefix("Right", "r"));

        Assert.Equal(Enumerable.Range(0, 40), loaded.ViewColumns[0]);
        Assert.Equal(Enumerable.Range(40, 30), loaded.ViewColumns[1]);
        AssertLabels(reader, loaded);
        Assert.Contains("Left = l0..l39 (40 columns); Right = r0..r29 (30 columns); ", loaded.Description);
        Assert.Contains(reader == Reader.ChunkedParquet ? "label set aside (not a feature; labels not read)" : "; label = label", loaded.Description);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void ALabelColumnInTheMiddle_IsSkippedByThePrefix(Reader reader)
    {
        using var files = new NpyTestFiles();
        string[] header = ["r0", "l0", "l1", "lbl", "l2", "r1"];

        var loaded = Load(reader, files, header, "lbl", ViewColumns.WithPrefix("Left", "l"), ViewColumns.WithPrefix("Right", "r"));

        Assert.Equal([1, 2, 4], loaded.ViewColumns[0]);
        Assert.Equal([0, 5], loaded.ViewColumns[1]);
        AssertLabels(reader, loaded);
        Assert.Contains("Left = l0, l1, l2 (3 columns); Right = r0, r1 (2 columns)", loaded.Description);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void OverlappingPrefixes_TheEarlierViewClaimsFirst(Reader reader)
    {
        using var files = new NpyTestFiles();
        string[] header = ["l0", "la0", "l1", "la1", "la2"];

        // The longer prefix first: each view gets its own columns.
        var loaded = Load(reader, files, header, null, ViewColumns.WithPrefix("A", "la"), ViewColumns.WithPrefix("B", "l"));
        Assert.Equal([1, 3, 4], loaded.ViewColumns[0]);
        Assert.Equal([0, 2], loaded.ViewColumns[1]);
        Assert.Contains("A = la0, la1, la2 (3 columns); B = l0, l1 (2 columns); no label column", loaded.Description);

        // The shorter prefix first takes every column, and the second view is told where its columns went.
        var error = Assert.Throws<DataFileException>(() => Load(reader, files, header, null, ViewColumns.WithPrefix("B", "l"), ViewColumns.WithPrefix("A", "la")));
        Assert.Contains("view 'A': every column starting with 'la' already has a role ('la0': view 'B' (prefix 'l')", error.Message);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void ANamedColumn_IsNotTakenByAnotherViewsPrefix_WhicheverComesFirst(Reader reader)
    {
        using var files = new NpyTestFiles();
        string[] header = ["x0", "x1", "x2", "x3", "y"];

        var prefixFirst = Load(reader, files, header, null, ViewColumns.WithPrefix("A", "x"), ViewColumns.Named("B", "y", "x2"));
        Assert.Equal([0, 1, 3], prefixFirst.ViewColumns[0]);
        Assert.Equal([4, 2], prefixFirst.ViewColumns[1]);

        var namedFirst = Load(reader, files, header, null, ViewColumns.Named("B", "y", "x2"), ViewColumns.WithPrefix("A", "x"));
        Assert.Equal([4, 2], namedFirst.ViewColumns[0]);
        Assert.Equal([0, 1, 3], namedFirst.ViewColumns[1]);
    }

    public static TheoryData<Reader, ViewColumns[], string?, string> Clashes()
    {
        var data = new TheoryData<Reader, ViewColumns[], string?, string>();
        foreach (var reader in new[] { Reader.Csv, Reader.Parquet, Reader.ChunkedParquet })
        {
            data.Add(reader, [ViewColumns.Named("A", "x0", "x1"), ViewColumns.Named("B", "y", "x1")], null,
                "column 'x1' is named by view 'A' and by view 'B'; a column can belong to one view only");
            data.Add(reader, [ViewColumns.Named("A", "x0", "label"), ViewColumns.Named("B", "y")], "label",
                "column 'label' is the label column and is also named by view 'A'; a column can have one role only");
            data.Add(reader, [ViewColumns.Named("A", "x0", "x0")], null, "column 'x0' is named twice by view 'A'");
            data.Add(reader, [ViewColumns.At("A", 0, 1), ViewColumns.At("B", 1, 2)], null,
                "column 'x1' is named by view 'A' and by view 'B'");
            data.Add(reader, [ViewColumns.WithPrefix("A", "x"), ViewColumns.WithPrefix("L", "lab")], "label",
                "view 'L': every column starting with 'lab' already has a role ('label': the label)");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Clashes))]
    public void AColumnWithTwoRoles_IsAnErrorNamingIt(Reader reader, ViewColumns[] views, string? label, string expected)
    {
        using var files = new NpyTestFiles();
        string[] header = ["x0", "x1", "label", "y"];
        var error = Assert.Throws<DataFileException>(() => Load(reader, files, header, label, views));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Csv_WithoutHeader_PositionsOverlappingEachOtherOrTheLabel_AreErrors()
    {
        using var files = new NpyTestFiles();
        var path = files.WriteText("data.csv", "1,2,3,0\n4,5,6,1\n");
        var options = new CsvViewOptions { HasHeader = false, LabelColumnIndex = 3 };

        var data = CsvViews.Load(path, [ViewColumns.At("a", 0), ViewColumns.Range("b", 1, 2)], options);
        Assert.Equal("CSV data.csv (a = #0 (1 column); b = #1, #2 (2 columns); label = #3)", data.Description);

        Assert.Contains("column 1 is named by view 'a' and by view 'b'", Assert.Throws<DataFileException>(() =>
            CsvViews.Load(path, [ViewColumns.At("a", 0, 1), ViewColumns.Range("b", 1, 2)], options)).Message);
        Assert.Contains("column 3 is the label column and is also named by view 'b'", Assert.Throws<DataFileException>(() =>
            CsvViews.Load(path, [ViewColumns.At("a", 0), ViewColumns.Range("b", 1, 3)], options)).Message);
    }
}
