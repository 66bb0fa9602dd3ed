namespace Sdl.Runtime.Data;

/// <summary>One view read from a file: its data and where it came from (a file, an array in an archive, or columns of a table).</summary>
internal sealed record ViewSource(ViewData View, string Source)
{
    /// <summary>
    /// Checks that every view (and the labels, when given) has one entry per sample, naming the files
    /// that disagree, and assembles the data set.
    /// </summary>
    public static MultiViewDataset Assemble(IReadOnlyList<ViewSource> views, int[]? labels, string? labelsSource, string description)
    {
        if (views.Count == 0) throw new ArgumentException("At least one view is needed.", nameof(views));
        var first = views[0];
        foreach (var other in views.Skip(1))
            if (other.View.Count != first.View.Count)
                throw new DataFileException(other.Source,
                    $"shape mismatch between views: view '{other.View.Name}' has {other.View.Count:N0} samples but view '{first.View.Name}' ({first.Source}) has {first.View.Count:N0}; " +
                    "every view needs one row per sample, in the same order.");
        if (labels is not null && labels.Length != first.View.Count)
            throw new DataFileException(labelsSource ?? "labels",
                $"{labels.Length:N0} labels for {first.View.Count:N0} samples (view '{first.View.Name}', {first.Source}); give one label per sample.");
        return new MultiViewDataset(views.Select(v => v.View).ToList(), labels, description);
    }
}
