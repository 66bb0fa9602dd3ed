using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Sdl.Runtime.Data;

/// <summary>
/// Multi-view data sets from a CSV file (parsed by CsvHelper: quoting, escapes and line breaks in
/// quoted fields follow RFC 4180): one row per sample, the columns of each view chosen by name,
/// prefix or position. Numbers use the invariant culture (a dot as decimal separator). A ragged row,
/// a missing or non-numeric value, or a NaN/∞ is an error naming the line and the column.
/// </summary>
public static class CsvViews
{
    /// <summary>Reads the views <paramref name="views"/> (and the labels, if <paramref name="options"/> names a label column) from <paramref name="path"/>.</summary>
    public static MultiViewDataset Load(string path, IReadOnlyList<ViewColumns> views, CsvViewOptions? options = null)
    {
        options ??= new CsvViewOptions();
        if (views.Count == 0) throw new ArgumentException("At least one view is needed.", nameof(views));
        if (!File.Exists(path)) throw new DataFileException(path, "file not found.");

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = options.HasHeader,
            Delimiter = options.Delimiter,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, config);

        string[]? header = null;
        TableColumns? resolved = null;
        int[][]? columns = null;
        int labelIndex = -1;
        int fieldCount = -1;
        var values = views.Select(_ => new List<float>()).ToArray();
        var labels = new List<int>();
        try
        {
            if (options.HasHeader)
            {
                if (!csv.Read()) throw new DataFileException(path, "the file is empty (no header row).");
                csv.ReadHeader();
                header = csv.HeaderRecord!.Select(h => h.Trim()).ToArray();
                fieldCount = header.Length;
                resolved = TableColumns.Resolve(views, header, fieldCount, options.LabelColumn, options.LabelColumnIndex, path);
                (columns, labelIndex) = (resolved.Columns, resolved.LabelIndex);
            }
            while (csv.Read())
            {
                var parser = csv.Parser;
                int line = parser.RawRow;
                if (fieldCount < 0)
                {
                    fieldCount = parser.Count;
                    resolved = TableColumns.Resolve(views, null, fieldCount, options.LabelColumn, options.LabelColumnIndex, path);
                    (columns, labelIndex) = (resolved.Columns, resolved.LabelIndex);
                }
                if (parser.Count != fieldCount)
                    throw new DataFileException(path, $"ragged row at line {line}: {parser.Count} fields where {(header is null ? "the first row has" : "the header names")} {fieldCount}.");
                for (int v = 0; v < views.Count; v++)
                    foreach (var c in columns![v])
                        values[v].Add(ParseFeature(path, line, c, header, parser[c]));
                if (labelIndex >= 0)
                    labels.Add(ParseLabel(path, line, labelIndex, header, parser[labelIndex]));
            }
        }
        catch (CsvHelperException e)
        {
            throw new DataFileException(path, $"malformed CSV at line {e.Context?.Parser?.RawRow}: {e.Message.Split('\n')[0]}", e);
        }
        if (resolved is null || columns is null || values[0].Count == 0) throw new DataFileException(path, "the file has no data rows.");

        var sources = views.Select((view, v) => new ViewSource(new ViewData(view.View, values[v].ToArray(), columns[v].Length), path)).ToList();
        return ViewSource.Assemble(sources, labelIndex >= 0 ? labels.ToArray() : null, path,
            $"CSV {Path.GetFileName(path)} ({resolved.Describe()})");
    }

    static string Column(int index, string[]? header) => header is null ? $"column {index}" : $"column {index} ('{header[index]}')";

    static float ParseFeature(string path, int line, int column, string[]? header, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new DataFileException(path, $"line {line}, {Column(column, header)}: missing value; data must be complete (impute or drop the row).");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new DataFileException(path, $"line {line}, {Column(column, header)}: '{text}' is not a number (numbers use a dot as decimal separator).");
        float single = (float)value;
        if (!float.IsFinite(single))
            throw new DataFileException(path, $"line {line}, {Column(column, header)}: {NpyReader.FormatValue(value)}{(double.IsFinite(value) ? " overflows float32" : "")}; data must be finite.");
        return single;
    }

    static int ParseLabel(string path, int line, int column, string[]? header, string? text)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label) || label < 0)
            throw new DataFileException(path, $"line {line}, label {Column(column, header)}: '{text}' is not a non-negative integer class index.");
        return label;
    }
}
