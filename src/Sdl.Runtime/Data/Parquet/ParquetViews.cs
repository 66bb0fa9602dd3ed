using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace Sdl.Runtime.Data;

/// <summary>
/// Multi-view data sets from an Apache Parquet file (read by Parquet.Net, row group by row group):
/// one row per sample, each view a set of numeric columns chosen by name, prefix or position among
/// the file's data fields. A null, NaN or ∞ is an error naming the row and the column.
/// </summary>
public static class ParquetViews
{
    /// <summary>Reads the views (and the integer labels in <paramref name="labelColumn"/>, if given) from <paramref name="path"/>.</summary>
    public static MultiViewDataset Load(string path, IReadOnlyList<ViewColumns> views, string? labelColumn = null) =>
        LoadAsync(path, views, labelColumn).GetAwaiter().GetResult();

    /// <inheritdoc cref="Load"/>
    public static async Task<MultiViewDataset> LoadAsync(string path, IReadOnlyList<ViewColumns> views, string? labelColumn = null, CancellationToken cancellation = default)
    {
        if (views.Count == 0) throw new ArgumentException("At least one view is needed.", nameof(views));
        using var stream = NpyReader.OpenFile(path);
        ParquetReader reader;
        try { reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellation); }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException || e.GetType().Namespace?.StartsWith("Parquet", StringComparison.Ordinal) == true)
        {
            throw new DataFileException(path, $"not a readable Parquet file: {e.Message}", e);
        }
        await using (reader)
        {
            var fields = reader.Schema.GetDataFields();
            var names = fields.Select(f => f.Name).ToArray();
            var resolved = TableColumns.Resolve(views, names, names.Length, labelColumn, null, path);
            var columns = resolved.Columns;
            int labelIndex = resolved.LabelIndex;
            foreach (var index in columns.SelectMany(c => c).Append(labelIndex).Where(i => i >= 0).Distinct())
                if (fields[index].IsArray)
                    throw new DataFileException(path, $"column '{names[index]}' holds lists; each feature must be a scalar column.");

            long total = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                total += group.RowCount;
            }
            if (total == 0) throw new DataFileException(path, "the file has no rows.");
            if (total * columns.Max(c => c.Length) > Array.MaxLength)
                throw new DataFileException(path, $"{total:N0} rows are more than one in-memory array holds; split the file.");

            var values = columns.Select(c => new float[total * c.Length]).ToArray();
            var labels = labelIndex >= 0 ? new int[total] : null;
            long rowStart = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int rows = checked((int)group.RowCount);
                var cache = new Dictionary<int, double[]>();
                async Task<double[]> Column(int index) =>
                    cache.TryGetValue(index, out var cached) ? cached : cache[index] = await ReadColumn(group, fields[index], rows, rowStart, path, cancellation);
                for (int v = 0; v < views.Count; v++)
                {
                    int width = columns[v].Length;
                    for (int c = 0; c < width; c++)
                    {
                        var column = await Column(columns[v][c]);
                        for (int r = 0; r < rows; r++)
                        {
                            float value = (float)column[r];
                            if (!float.IsFinite(value))
                                throw new DataFileException(path, $"row {rowStart + r:N0}, column '{names[columns[v][c]]}' (view '{views[v].View}'): {NpyReader.FormatValue(column[r])}{(double.IsFinite(column[r]) ? " overflows float32" : "")}; data must be finite.");
                            values[v][(rowStart + r) * width + c] = value;
                        }
                    }
                }
                if (labels is not null)
                {
                    if (fields[labelIndex].ClrType is var type && (type == typeof(float) || type == typeof(double) || type == typeof(decimal)))
                        throw new DataFileException(path, $"wrong dtype for labels: column '{labelColumn}' is {type.Name}; class labels must be an integer column.");
                    var column = await Column(labelIndex);
                    for (int r = 0; r < rows; r++)
                    {
                        if (column[r] < 0 || column[r] > int.MaxValue)
                            throw new DataFileException(path, $"row {rowStart + r:N0}, label column '{labelColumn}': {column[r]} is not a non-negative class index.");
                        labels[rowStart + r] = (int)column[r];
                    }
                }
                rowStart += rows;
            }
            var sources = views.Select((view, v) => new ViewSource(new ViewData(view.View, values[v], columns[v].Length), path)).ToList();
            return ViewSource.Assemble(sources, labels, path,
                $"Parquet {Path.GetFileName(path)} ({resolved.Describe()})");
        }
    }

    internal static Task<double[]> ReadColumn(ParquetRowGroupReader group, DataField field, int rows, long rowStart, string path, CancellationToken cancellation)
    {
        var type = field.ClrType;
        if (type == typeof(float)) return Read<float>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(double)) return Read<double>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(int)) return Read<int>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(long)) return Read<long>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(short)) return Read<short>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(sbyte)) return Read<sbyte>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(byte)) return Read<byte>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(ushort)) return Read<ushort>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(uint)) return Read<uint>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(ulong)) return Read<ulong>(group, field, rows, rowStart, path, cancellation);
        if (type == typeof(decimal)) return Read<decimal>(group, field, rows, rowStart, path, cancellation);
        throw new DataFileException(path, $"wrong dtype: column '{field.Name}' is {Describe(type)}; features must be numeric (float, double or integer columns).");
    }

    static string Describe(Type type) =>
        type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? "text"
        : type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) ? "binary"
        : type.Name;

    static async Task<double[]> Read<T>(ParquetRowGroupReader group, DataField field, int rows, long rowStart, string path, CancellationToken cancellation)
        where T : struct, INumberBase<T>
    {
        var result = new double[rows];
        if (field.IsNullable)
        {
            var buffer = new T?[rows];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, cancellation);
            for (int r = 0; r < rows; r++)
                result[r] = buffer[r] is T value ? double.CreateTruncating(value)
                    : throw new DataFileException(path, $"row {rowStart + r:N0}, column '{field.Name}': missing value (null); data must be complete (impute or drop the row).");
        }
        else
        {
            var buffer = new T[rows];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, cancellation);
            for (int r = 0; r < rows; r++) result[r] = double.CreateTruncating(buffer[r]);
        }
        return result;
    }
}
