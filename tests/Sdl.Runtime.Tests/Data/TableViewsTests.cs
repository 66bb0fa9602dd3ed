using Parquet;
using Parquet.Schema;
using Sdl.Runtime.Data;

namespace Sdl.Runtime.Tests.Data;

public class CsvViewsTests
{
    const string Table = """
        id,l1,l2,r1,r2,r3,label
        0,0.5,-1.25,3,4,5e-3,2
        1,"1.5",2,-3,4.25,6,0
        2,2.5,3,3,-4,7,1
        """;

    [Fact]
    public void Header_ViewsByNameAndPrefix_LabelsByName()
    {
        using var files = new NpyTestFiles();
        var path = files.WriteText("data.csv", Table);

        var data = CsvViews.Load(path, [ViewColumns.Named("left", "l1", "l2"), ViewColumns.WithPrefix("right", "r")], new CsvViewOptions { LabelColumn = "label" });

        Assert.Equal(3, data.Count);
        Assert.Equal([0.5f, -1.25f, 1.5f, 2f, 2.5f, 3f], data.Views[0].Values);
        Assert.Equal([3f, 4f, 5e-3f, -3f, 4.25f, 6f, 3f, -4f, 7f], data.Views[1].Values);
        Assert.Equal([2, 0, 1], data.Labels!);
    }

    [Fact]
    public void NoHeader_TabSeparated_ViewsByPosition()
    {
        using var files = new NpyTestFiles();
        var path = files.WriteText("data.tsv", "1\t2\t3\n4\t5\t6\n");
        var data = CsvViews.Load(path, [ViewColumns.At("a", 2, 0), ViewColumns.Range("b", 1, 1)], new CsvViewOptions { HasHeader = false, Delimiter = "\t" });
        Assert.Equal([3f, 1f, 6f, 4f], data.Views[0].Values);
        Assert.Equal([2f, 5f], data.Views[1].Values);
        Assert.Null(data.Labels);
    }

    public static TheoryData<string, string, string> BadTables() => new()
    {
        { "ragged row", "a,b,c\n1,2,3\n4,5\n", "ragged row at line 3: 2 fields where the header names 3" },
        { "long row", "a,b,c\n1,2,3\n4,5,6,7\n", "ragged row at line 3: 4 fields" },
        { "NaN", "a,b,c\n1,2,3\n4,NaN,6\n", "line 3, column 1 ('b'): NaN; data must be finite" },
        { "infinity", "a,b,c\n1,-Infinity,3\n", "line 2, column 1 ('b'): -∞" },
        { "missing value", "a,b,c\n1,,3\n", "line 2, column 1 ('b'): missing value" },
        { "not a number", "a,b,c\n1,2,x7\n", "line 2, column 2 ('c'): 'x7' is not a number" },
        { "decimal comma", "a,b,c\n1,\"2,5\",3\n", "'2,5' is not a number" },
        { "unknown column", "a,x,c\n1,2,3\n", "view 'v': no column 'b' (columns: 'a', 'x', 'c')" },
        { "no rows", "a,b,c\n", "no data rows" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void BadTable_IsNamedWithLineAndColumn(string _, string content, string expected)
    {
        using var files = new NpyTestFiles();
        var path = files.WriteText("bad.csv", content);
        var error = Assert.Throws<DataFileException>(() => CsvViews.Load(path, [ViewColumns.Named("v", "a", "b", "c")]));
        Assert.Equal(path, error.FilePath);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void NamesWithoutHeader_AndBadLabel_AreRefused()
    {
        using var files = new NpyTestFiles();
        var path = files.WriteText("data.csv", "1,2,3\n4,5,-1\n");
        Assert.Contains("has no header row", Assert.Throws<DataFileException>(() =>
            CsvViews.Load(path, [ViewColumns.Named("v", "a")], new CsvViewOptions { HasHeader = false })).Message);
        Assert.Contains("line 2, label column 2: '-1' is not a non-negative integer class index", Assert.Throws<DataFileException>(() =>
            CsvViews.Load(path, [ViewColumns.At("v", 0, 1)], new CsvViewOptions { HasHeader = false, LabelColumnIndex = 2 })).Message);
    }
}

public class ParquetViewsTests
{
    static async Task WriteAsync(string path, params (DataField Field, Array Values)[] columns)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray()), stream);
        // Two row groups, so reading across groups is exercised.
        int rows = columns[0].Values.Length, half = rows / 2;
        foreach (var (start, count) in new[] { (0, half), (half, rows - half) })
        {
            using var group = writer.CreateRowGroup();
            foreach (var (field, values) in columns)
            {
                switch (values)
                {
                    case float[] f: await group.WriteAsync<float>(field, f.AsMemory(start, count)); break;
                    case double[] d: await group.WriteAsync<double>(field, d.AsMemory(start, count)); break;
                    case int[] i: await group.WriteAsync<int>(field, i.AsMemory(start, count)); break;
                    case long[] l: await group.WriteAsync<long>(field, l.AsMemory(start, count)); break;
                    case double?[] n: await group.WriteAsync<double>(field, n.AsMemory(start, count)); break;
                    case string[] s: await group.WriteAsync(field, s.Skip(start).Take(count).ToArray()); break;
                    default: throw new ArgumentException(values.GetType().Name);
                }
            }
        }
    }

    [Fact]
    public async Task ViewsFromNumericColumns_AcrossRowGroups_WithLabels()
    {
        using var files = new NpyTestFiles();
        var path = files.Path("data.parquet");
        var random = new Random(7);
        var x1 = Enumerable.Range(0, 9).Select(_ => (float)random.NextDouble()).ToArray();
        var x2 = Enumerable.Range(0, 9).Select(_ => random.NextDouble() * 10).ToArray();
        var y1 = Enumerable.Range(0, 9).Select(_ => random.Next(-50, 50)).ToArray();
        var label = Enumerable.Range(0, 9).Select(i => (long)(i % 3)).ToArray();
        await WriteAsync(path, (new DataField<float>("x1"), x1), (new DataField<double>("x2"), x2), (new DataField<int>("y1"), y1), (new DataField<long>("label"), label));

        var data = ParquetViews.Load(path, [ViewColumns.WithPrefix("x", "x"), ViewColumns.Named("y", "y1")], labelColumn: "label");

        Assert.Equal(9, data.Count);
        Assert.Equal(Enumerable.Range(0, 9).SelectMany(i => new[] { x1[i], (float)x2[i] }), data.Views[0].Values);
        Assert.Equal(y1.Select(v => (float)v), data.Views[1].Values);
        Assert.Equal(label.Select(l => (int)l), data.Labels!);
    }

    [Fact]
    public async Task Null_NaN_TextColumns_AndFloatLabels_AreNamed()
    {
        using var files = new NpyTestFiles();
        var nulls = files.Path("nulls.parquet");
        await WriteAsync(nulls, (new DataField<double?>("a"), new double?[] { 1, 2, null, 4 }));
        var error = Assert.Throws<DataFileException>(() => ParquetViews.Load(nulls, [ViewColumns.Named("v", "a")]));
        Assert.Contains("row 2, column 'a': missing value (null)", error.Message);

        var nan = files.Path("nan.parquet");
        await WriteAsync(nan, (new DataField<double>("a"), new[] { 1, 2, 3, double.NaN }), (new DataField<double>("f"), new double[] { 0, 1, 0, 1 }), (new DataField<string>("s"), new[] { "p", "q", "r", "s" }));
        Assert.Contains("row 3, column 'a' (view 'v'): NaN", Assert.Throws<DataFileException>(() => ParquetViews.Load(nan, [ViewColumns.Named("v", "a")])).Message);
        var text = Assert.Throws<DataFileException>(() => ParquetViews.Load(nan, [ViewColumns.Named("v", "s")])).Message;
        Assert.True(text.Contains("wrong dtype: column 's' is text"), text);
        Assert.Contains("wrong dtype for labels: column 'f' is Double", Assert.Throws<DataFileException>(() => ParquetViews.Load(nan, [ViewColumns.Named("v", "a")], "f")).Message);
        Assert.Contains("no column 'zz'", Assert.Throws<DataFileException>(() => ParquetViews.Load(nan, [ViewColumns.Named("v", "zz")])).Message);
    }

    [Fact]
    public void NotParquet_IsNamed()
    {
        using var files = new NpyTestFiles();
        var path = files.WriteText("data.parquet", "a,b\n1,2\n");
        var error = Assert.Throws<DataFileException>(() => ParquetViews.Load(path, [ViewColumns.Named("v", "a")]));
        Assert.Equal(path, error.FilePath);
        Assert.Contains("not a readable Parquet file", error.Message);
    }
}

public class ChunkedParquetViewsTests
{
    [Fact]
    public async Task AnEpoch_ReadsRowGroupByRowGroup_EverySampleOnce_AlignedAcrossViews()
    {
        using var files = new NpyTestFiles();
        var path = files.Path("big.parquet");
        int count = 50;
        // Features 'id' and 'id2' are the sample number, one in each view, so alignment and coverage can be read off the batches
        // (one column cannot feed two views: a column has one role).
        var id = Enumerable.Range(0, count).Select(i => (double)i).ToArray();
        var x = Enumerable.Range(0, count).Select(i => (float)(i * 0.5)).ToArray();
        var y = Enumerable.Range(0, count).Select(i => -i).ToArray();
        {
            await using var stream = File.Create(path);
            var a = new DataField<double>("id");
            var b = new DataField<float>("x");
            var c = new DataField<int>("y");
            var d = new DataField<double>("id2");
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(a, b, c, d), stream);
            for (int start = 0; start < count; start += 12) // five row groups: 12, 12, 12, 12, 2
            {
                int rows = Math.Min(12, count - start);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync<double>(a, id.AsMemory(start, rows));
                await group.WriteAsync<float>(b, x.AsMemory(start, rows));
                await group.WriteAsync<int>(c, y.AsMemory(start, rows));
                await group.WriteAsync<double>(d, id.AsMemory(start, rows));
            }
        }

        using var views = ChunkedParquetViews.Open(path, [ViewColumns.Named("Left", "id", "x"), ViewColumns.Named("Right", "y", "id2")]);
        Assert.Equal((50L, 5), (views.Count, views.RowGroups));
        var seen = new List<int>();
        foreach (var batch in views.Epoch(epoch: 1, batchSize: 8, seed: 2, TorchSharp.torch.CPU))
        {
            var left = batch.Views[0].data<float>().ToArray();
            var right = batch.Views[1].data<float>().ToArray();
            for (int i = 0; i < batch.Size; i++)
            {
                Assert.Equal(batch.Indices[i], (int)left[2 * i]);
                Assert.Equal(batch.Indices[i] * 0.5f, left[2 * i + 1]);
                Assert.Equal(-batch.Indices[i], (int)right[2 * i]);
                Assert.Equal(batch.Indices[i], (int)right[2 * i + 1]);
            }
            seen.AddRange(batch.Indices);
        }
        Assert.Equal(48, seen.Count);
        Assert.Equal(48, seen.Distinct().Count());
        Assert.Equal(seen, views.Epoch(1, 8, 2, TorchSharp.torch.CPU).SelectMany(b => b.Indices));
    }
}
