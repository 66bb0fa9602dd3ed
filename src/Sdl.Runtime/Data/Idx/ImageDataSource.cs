namespace Sdl.Runtime.Data;

/// <summary>
/// A folder of IDX files: MNIST-style <c>train-*</c> and <c>t10k-*</c> pairs (MNIST, Fashion-MNIST),
/// or the single <c>mnist10k-*</c> pair of the embedded subset.
/// </summary>
public sealed class ImageDataSource
{
    ImageDataSource(string directory, string name, LabeledImages train, LabeledImages? test)
    {
        Directory = directory;
        Name = name;
        Train = train;
        Test = test;
    }

    /// <summary>File-name prefixes looked for, in order; the first pair found is the training pool.</summary>
    public static readonly IReadOnlyList<string> TrainPrefixes = ["train", "mnist10k"];

    /// <summary>Prefix of the official test pair, when the folder has one.</summary>
    public const string TestPrefix = "t10k";

    /// <summary>Folder, relative to the application, where projects importing <c>EmbeddedMnist.props</c> get the subset.</summary>
    public const string EmbeddedRelativeDirectory = "data/mnist";

    /// <summary>The folder the IDX files were read from.</summary>
    public string Directory { get; }

    /// <summary>A short name for reports: the folder's name, or "MNIST (embedded 10,000-digit subset)".</summary>
    public string Name { get; }

    /// <summary>The training pool (train, and validation when split).</summary>
    public LabeledImages Train { get; }

    /// <summary>The official test set, or null when the folder has only one pair (then split the pool).</summary>
    public LabeledImages? Test { get; }

    /// <summary>The folder of the embedded 10,000-digit MNIST subset next to the running application.</summary>
    public static string EmbeddedDirectory => Path.Combine(AppContext.BaseDirectory, EmbeddedRelativeDirectory);

    /// <summary>Loads the embedded 10,000 real MNIST digits (all in <see cref="Train"/>; no separate test set).</summary>
    public static ImageDataSource LoadEmbedded() => Load(EmbeddedDirectory, "MNIST (embedded 10,000-digit subset)");

    /// <summary>Loads a folder holding an IDX image/label pair (raw or <c>.gz</c>) and, if present, the <c>t10k</c> test pair.</summary>
    public static ImageDataSource Load(string directory, string? name = null)
    {
        name ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        if (!System.IO.Directory.Exists(directory))
            throw new DataFileException(directory, "data folder not found.");
        foreach (var prefix in TrainPrefixes)
        {
            var train = FindPair(directory, prefix);
            if (train is null) continue;
            var test = FindPair(directory, TestPrefix);
            return new ImageDataSource(
                directory,
                name,
                LabeledImages.Load(train.Value.Images, train.Value.Labels).WithSource(test is null ? name : $"{name} train"),
                test is null ? null : LabeledImages.Load(test.Value.Images, test.Value.Labels).WithSource($"{name} test"));
        }
        var present = System.IO.Directory.GetFiles(directory).Select(Path.GetFileName).Order().Take(12);
        throw new DataFileException(directory,
            $"no IDX image/label pair found: looked for {string.Join(" or ", TrainPrefixes.Select(p => $"{p}-images-idx3-ubyte[.gz] with {p}-labels-idx1-ubyte[.gz]"))}. " +
            $"The folder holds: {string.Join(", ", present)}{(present.Any() ? "" : "(nothing)")}.");
    }

    static (string Images, string Labels)? FindPair(string directory, string prefix)
    {
        var images = FindFile(directory, $"{prefix}-images-idx3-ubyte");
        var labels = FindFile(directory, $"{prefix}-labels-idx1-ubyte");
        if (images is null && labels is null) return null;
        if (images is null || labels is null)
            throw new DataFileException(images ?? labels!, $"found without its partner {(images is null ? $"{prefix}-images-idx3-ubyte[.gz]" : $"{prefix}-labels-idx1-ubyte[.gz]")} in the same folder.");
        return (images, labels);
    }

    static string? FindFile(string directory, string stem)
    {
        foreach (var name in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
