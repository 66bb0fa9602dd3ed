using System.Globalization;
using System.Text.Json;
using Sdl.Reports;
using Sdl.Runtime.Training;

namespace Sdl.Examples.MnistSoftCca;

/// <summary>
/// The settings that make a run what it is (which methods, which data and split, which models and
/// optimiser), kept in the output folder from the start of the run, so that <c>--resume</c> can
/// check that it continues the same run: a resume with another <c>--objective</c> would otherwise
/// train other methods and replace the earlier run's report with theirs. <c>--epochs</c>,
/// <c>--patience</c> and <c>--device</c> may change on a resume (to extend a run, or move it).
/// </summary>
static class RunSettings
{
    /// <summary>The settings file in the output folder.</summary>
    public const string FileName = "run-settings.json";

    /// <summary>Setting → command-line option, in the order the settings are listed.</summary>
    static readonly (string Key, string Option)[] Options =
    [
        ("objective", "--objective"), ("data", "--data"), ("embedding", "--embedding"), ("batchSize", "--batch-size"),
        ("learningRate", "--lr"), ("alpha", "--alpha"), ("lambda", "--lambda"), ("schedule", "--schedule"), ("warmup", "--warmup"), ("seed", "--seed"),
    ];

    /// <summary>The settings of <paramref name="options"/> as culture-invariant text, as they are stored and compared.</summary>
    public static Dictionary<string, string> Of(JobOptions options) => new()
    {
        ["objective"] = options.Objective.ToString().ToLowerInvariant(),
        ["data"] = options.DataDirectory is null ? "embedded MNIST subset" : Path.GetFullPath(options.DataDirectory),
        ["embedding"] = options.EmbeddingSize.ToString(CultureInfo.InvariantCulture),
        ["batchSize"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["learningRate"] = options.LearningRate?.ToString("R", CultureInfo.InvariantCulture) ?? "each method's own",
        ["alpha"] = options.Alpha?.ToString("R", CultureInfo.InvariantCulture) ?? "declared",
        ["lambda"] = options.Lambda?.ToString("R", CultureInfo.InvariantCulture) ?? "declared",
        ["schedule"] = options.Schedule?.ToString().ToLowerInvariant() ?? "default",
        ["warmup"] = options.WarmupEpochs?.ToString("R", CultureInfo.InvariantCulture) ?? "default",
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Stores the settings of a new run in its output folder (atomically, like every result file).</summary>
    public static void Write(JobOptions options) =>
        ReportFiles.WriteBytes(Path.Combine(options.OutputDirectory, FileName), JsonSerializer.SerializeToUtf8Bytes(Of(options), new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>
    /// Refuses a resume whose settings differ from those the run in the folder was started with, naming
    /// each difference. A folder from before this file existed is checked against its report.json, if any.
    /// </summary>
    public static void EnsureSameAsEarlier(JobOptions options)
    {
        var output = options.OutputDirectory;
        var earlier = Read(Path.Combine(output, FileName)) ?? FromReport(Path.Combine(output, "report.json"));
        if (earlier is null) return;
        var now = Of(options);
        var changed = Options
            .Where(o => earlier.TryGetValue(o.Key, out var then) && then != now[o.Key])
            .Select(o => $"{o.Option} {earlier[o.Key]} (this command: {now[o.Key]})")
            .ToList();
        if (changed.Count > 0)
            throw new TrainingSetupException($"--resume: the run in {output} was started with {string.Join(", ", changed)}; " +
                                             "a resume continues that run with its settings: repeat them, or use --restart to replace the run, or --output <another folder>.");
    }

    static Dictionary<string, string>? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new TrainingSetupException($"--resume: {path} is damaged ({e.Message}); it records the settings of the run to continue. Restore it, or use --restart.", e);
        }
    }

    /// <summary>The comparable settings of a report.json written before run-settings.json existed.</summary>
    static Dictionary<string, string>? FromReport(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var settings = ReportFiles.ReadJson(path).Settings;
            return settings.TryGetValue("objective", out var objective)
                ? new Dictionary<string, string> { ["objective"] = objective.ToLowerInvariant() }
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            return null;
        }
    }
}
