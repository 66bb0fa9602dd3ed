namespace Sdl.Runtime.Data;

/// <summary>
/// Which columns of a table (CSV or Parquet) make up one view: named columns, all columns whose
/// name starts with a prefix, or zero-based column positions (for CSV files without a header).
/// A column has one role: a prefix never takes the label column, a column another view names,
/// or a column an earlier prefix view took; a column named by two views (or named and also the
/// label column) is an error that names it.
/// </summary>
public sealed class ViewColumns
{
    ViewColumns(string view, IReadOnlyList<string>? names, string? prefix, IReadOnlyList<int>? indices)
    {
        if (string.IsNullOrWhiteSpace(view)) throw new ArgumentException("A view needs a name.", nameof(view));
        View = view;
        Names = names;
        Prefix = prefix;
        Indices = indices;
    }

    /// <summary>The view's name (as in the model's <c>[View]</c> declarations).</summary>
    public string View { get; }
    /// <summary>The header names selected, or null when selecting by prefix or position.</summary>
    public IReadOnlyList<string>? Names { get; }
    /// <summary>The header-name prefix selected, or null when selecting by name or position.</summary>
    public string? Prefix { get; }
    /// <summary>The zero-based column positions selected, or null when selecting by name or prefix.</summary>
    public IReadOnlyList<int>? Indices { get; }

    /// <summary>The columns with these header names, in this order.</summary>
    public static ViewColumns Named(string view, params string[] names) =>
        names.Length == 0 ? throw new ArgumentException($"View '{view}' needs at least one column.", nameof(names)) : new(view, names, null, null);

    /// <summary>
    /// Every column whose header name starts with <paramref name="prefix"/>, in table order, except the label
    /// column and columns that another view names or an earlier prefix view took.
    /// </summary>
    public static ViewColumns WithPrefix(string view, string prefix) => new(view, null, prefix ?? throw new ArgumentNullException(nameof(prefix)), null);

    /// <summary>The columns at these zero-based positions, in this order.</summary>
    public static ViewColumns At(string view, params int[] indices) =>
        indices.Length == 0 ? throw new ArgumentException($"View '{view}' needs at least one column.", nameof(indices)) : new(view, null, null, indices);

    /// <summary><paramref name="count"/> consecutive columns from zero-based position <paramref name="first"/>.</summary>
    public static ViewColumns Range(string view, int first, int count) => At(view, Enumerable.Range(first, count).ToArray());

    /// <summary>
    /// The zero-based positions of a named or positional selection in a table with <paramref name="header"/>
    /// (null: no header) and <paramref name="columnCount"/> columns. Prefixes are resolved by <see cref="TableColumns"/>,
    /// which knows the other views' claims and the label column.
    /// </summary>
    internal int[] ResolveExplicit(IReadOnlyList<string>? header, int columnCount, string source)
    {
        if (Indices is not null)
        {
            foreach (var index in Indices)
                if (index < 0 || index >= columnCount)
                    throw new DataFileException(source, $"view '{View}': column position {index} is outside the table's {columnCount} columns (0..{columnCount - 1}).");
            return [.. Indices];
        }
        if (header is null)
            throw new DataFileException(source, $"view '{View}' selects columns by name, but the file has no header row; select them by position (ViewColumns.At or Range) or declare the header.");
        return Names!.Select(name =>
        {
            int index = IndexOf(header, name);
            return index >= 0 ? index : throw new DataFileException(source, $"view '{View}': no column '{name}' (columns: {Preview(header)}).");
        }).ToArray();
    }

    /// <summary>Position of a column by header name, or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (int i = 0; i < header.Count; i++) if (header[i] == name) return i;
        return -1;
    }

    internal static string Preview(IReadOnlyList<string> header) =>
        string.Join(", ", header.Take(12).Select(h => $"'{h}'")) + (header.Count > 12 ? $", ... ({header.Count} in all)" : "");
}
