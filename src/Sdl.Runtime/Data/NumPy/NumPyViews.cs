namespace Sdl.Runtime.Data;

/// <summary>
/// Multi-view data sets from NumPy files: one <c>.npy</c> per view, or one <c>.npz</c> holding every
/// view (and optionally the labels). An array of shape (samples, d1, d2, ...) becomes a view of
/// d1·d2·... features per sample; a 1-D array is one feature per sample.
/// </summary>
public static class NumPyViews
{
    /// <summary>One <c>.npy</c> file per view (sample i of every file is the same object); labels from an optional 1-D integer <c>.npy</c>.</summary>
    public static MultiViewDataset Load(IReadOnlyList<(string View, string Path)> views, string? labelsPath = null)
    {
        var sources = views.Select(v => new ViewSource(NpyReader.Read(v.Path).ToView(v.View), v.Path)).ToList();
        var labels = labelsPath is null ? null : NpyReader.ReadLabels(labelsPath);
        return ViewSource.Assemble(sources, labels, labelsPath,
            $"NumPy views {string.Join(", ", views.Select(v => $"{v.View} ({Path.GetFileName(v.Path)})"))}");
    }

    /// <summary>Views from the arrays <paramref name="viewArrays"/> of one <c>.npz</c> archive (each view is named after its array); labels from the array <paramref name="labelsArray"/>.</summary>
    public static MultiViewDataset LoadNpz(string path, IReadOnlyList<string> viewArrays, string? labelsArray = null)
    {
        var sources = viewArrays.Select(name => new ViewSource(NpzReader.Read(path, name).ToView(name), $"{path}[{name}]")).ToList();
        var labels = labelsArray is null ? null : NpzReader.ReadLabels(path, labelsArray);
        return ViewSource.Assemble(sources, labels, labelsArray is null ? null : $"{path}[{labelsArray}]",
            $"NumPy archive {Path.GetFileName(path)} ({string.Join(", ", viewArrays)})");
    }
}
