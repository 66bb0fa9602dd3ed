namespace Sdl.Runtime.Data;

/// <summary>
/// The columns of a table (CSV or Parquet) resolved to their roles: each view's columns and the label
/// column. Every reader that selects columns goes through <see cref="Resolve"/>, so the rules are the
/// same everywhere: a column has one role only. Named or positional selections are claimed first (a
/// column named by two views, named twice, or named and also the label column is an error naming it);
/// a prefix then takes only the columns still free, so it never picks up the label column, a column
/// another view names, or a column an earlier prefix view took.
/// </summary>
internal sealed class TableColumns
{
    TableColumns(IReadOnlyList<string> views, int[][] columns, int labelIndex, IReadOnlyList<string>? header)
    {
        Views = views;
        Columns = columns;
        LabelIndex = labelIndex;
        Header = header;
    }

    /// <summary>The view names, in the order given.</summary>
    public IReadOnlyList<string> Views { get; }
    /// <summary>Per view, the zero-based positions of its columns, in the order the view's features are laid out.</summary>
    public int[][] Columns { get; }
    /// <summary>The label column's position, or -1 for unlabelled data.</summary>
    public int LabelIndex { get; }
    /// <summary>The header names, or null for a table without a header row.</summary>
    public IReadOnlyList<string>? Header { get; }

    /// <summary>
    /// Resolves <paramref name="views"/> and the label column (by <paramref name="labelName"/> or
    /// <paramref name="labelPosition"/>, at most one) against a table with <paramref name="header"/> (null: no header)
    /// and <paramref name="columnCount"/> columns; errors are <see cref="DataFileException"/>s for <paramref name="source"/>.
    /// </summary>
    public static TableColumns Resolve(IReadOnlyList<ViewColumns> views, IReadOnlyList<string>? header, int columnCount, string? labelName, int? labelPosition, string source)
    {
        if (views.Count == 0) throw new ArgumentException("At least one view is needed.", nameof(views));
        if (labelName is not null && labelPosition is not null)
            throw new ArgumentException("Name the label column by header name or by position, not both.");
        var duplicateView = views.GroupBy(v => v.View, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateView is not null)
            throw new ArgumentException($"Two views are called '{duplicateView.Key}'; each view needs its own name.", nameof(views));

        int labelIndex = -1;
        if (labelName is not null)
        {
            if (header is null) throw new DataFileException(source, $"the label column '{labelName}' is named, but the file has no header row; give its position instead.");
            labelIndex = ViewColumns.IndexOf(header, labelName);
            if (labelIndex < 0) throw new DataFileException(source, $"no label column '{labelName}' (columns: {ViewColumns.Preview(header)}).");
        }
        else if (labelPosition is int position)
        {
            if (position < 0 || position >= columnCount) throw new DataFileException(source, $"label column position {position} is outside the {columnCount} columns.");
            labelIndex = position;
        }

        // owner[c]: the role column c has so far (-2 the label, v ≥ 0 view v, -1 free).
        var owner = Enumerable.Repeat(-1, columnCount).ToArray();
        if (labelIndex >= 0) owner[labelIndex] = -2;
        var columns = new int[views.Count][];

        // Explicit selections first: they say exactly what the user wants, so a clash is an error.
        for (int v = 0; v < views.Count; v++)
        {
            if (views[v].Prefix is not null) continue;
            columns[v] = views[v].ResolveExplicit(header, columnCount, source);
            foreach (var c in columns[v])
            {
                string name = ColumnName(c, header);
                if (owner[c] == -2)
                    throw new DataFileException(source, $"{name} is the label column and is also named by view '{views[v].View}'; a column can have one role only (leave it out of the view, or choose another label column).");
                if (owner[c] == v)
                    throw new DataFileException(source, $"{name} is named twice by view '{views[v].View}'; a column can be a feature of a view once.");
                if (owner[c] >= 0)
                    throw new DataFileException(source, $"{name} is named by view '{views[owner[c]].View}' and by view '{views[v].View}'; a column can belong to one view only.");
                owner[c] = v;
            }
        }

        // Prefixes then take what is still free, in view order.
        for (int v = 0; v < views.Count; v++)
        {
            if (views[v].Prefix is not string prefix) continue;
            if (header is null)
                throw new DataFileException(source, $"view '{views[v].View}' selects columns by name, but the file has no header row; select them by position (ViewColumns.At or Range) or declare the header.");
            var matches = Enumerable.Range(0, columnCount).Where(c => header[c].StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            if (matches.Length == 0)
                throw new DataFileException(source, $"view '{views[v].View}': no column name starts with '{prefix}' (columns: {ViewColumns.Preview(header)}).");
            var free = matches.Where(c => owner[c] == -1).ToArray();
            if (free.Length == 0)
                throw new DataFileException(source,
                    $"view '{views[v].View}': every column starting with '{prefix}' already has a role ({string.Join(", ", matches.Take(6).Select(c => $"'{header[c]}': {Role(owner[c], views)}"))}{(matches.Length > 6 ? ", ..." : "")}); " +
                    "a prefix takes only columns no other view or the label has claimed: put the view with the longer prefix first, or name its columns.");
            foreach (var c in free) owner[c] = v;
            columns[v] = free;
        }
        return new TableColumns(views.Select(v => v.View).ToList(), columns, labelIndex, header);
    }

    /// <summary>
    /// What went where, for a data set's description: <c>Left = l0..l39 (40 columns); Right = r0..r29 (30 columns); label = label</c>.
    /// Runs of neighbouring columns are shortened to their ends.
    /// </summary>
    /// <param name="labelsRead">False for a reader that sets the label column aside without reading it.</param>
    public string Describe(bool labelsRead = true)
    {
        var parts = Views.Select((view, v) => $"{view} = {Runs(Columns[v])} ({Columns[v].Length} column{(Columns[v].Length == 1 ? "" : "s")})").ToList();
        parts.Add(LabelIndex < 0 ? "no label column" : labelsRead ? $"label = {Name(LabelIndex)}" : $"{Name(LabelIndex)} set aside (not a feature; labels not read)");
        return string.Join("; ", parts);
    }

    string Name(int c) => Header is null ? $"#{c}" : Header[c];

    string Runs(int[] columns)
    {
        var runs = new List<string>();
        for (int i = 0; i < columns.Length;)
        {
            int j = i;
            while (j + 1 < columns.Length && columns[j + 1] == columns[j] + 1) j++;
            runs.Add(j - i >= 2 ? $"{Name(columns[i])}..{Name(columns[j])}" : j == i ? Name(columns[i]) : $"{Name(columns[i])}, {Name(columns[j])}");
            i = j + 1;
        }
        const int Shown = 8;
        return runs.Count <= Shown ? string.Join(", ", runs) : string.Join(", ", runs.Take(Shown)) + ", ...";
    }

    static string ColumnName(int c, IReadOnlyList<string>? header) => header is null ? $"column {c}" : $"column '{header[c]}'";

    static string Role(int owner, IReadOnlyList<ViewColumns> views) =>
        owner == -2 ? "the label" : views[owner].Prefix is string p ? $"view '{views[owner].View}' (prefix '{p}')" : $"view '{views[owner].View}'";
}
