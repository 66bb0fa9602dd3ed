using System.Text.Json;

namespace Sdl.Runtime.Training;

/// <summary>
/// Appends one JSON object per epoch to a <c>.jsonl</c> file: easy to tail during a run and to load
/// into any tool afterwards. The checkpoint is the record of truth: the log is appended after it,
/// so after a crash the log holds a prefix of the checkpoint's history (possibly ending in a torn
/// line), and a resumed run rewrites it from that history.
/// </summary>
internal sealed class MetricsLog
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    readonly RunFileWriter writer;

    /// <summary>A log at <paramref name="path"/>; nothing is written until <see cref="Append"/> or <see cref="Rewrite"/>.</summary>
    public MetricsLog(string path) : this(path, RunFileWriter.Default) { }

    internal MetricsLog(string path, RunFileWriter writer)
    {
        Path = path;
        this.writer = writer;
    }

    /// <summary>The <c>.jsonl</c> file written.</summary>
    public string Path { get; }

    /// <summary>Appends the metrics of one epoch, tagged with the run name.</summary>
    public void Append(string run, EpochMetrics metrics) => writer.AppendLine(Path, Line(run, metrics));

    /// <summary>Replaces the log with one line per epoch of <paramref name="history"/>, atomically (on resume: the checkpoint's history is the truth).</summary>
    public void Rewrite(string run, IEnumerable<EpochMetrics> history) =>
        writer.WriteAtomically(Path, System.Text.Encoding.UTF8.GetBytes(string.Concat(history.Select(m => Line(run, m) + "\n"))));

    /// <summary>
    /// The log's entries, in order. A torn last line (a crash while it was appended) is skipped, as
    /// JSON-lines readers do; a damaged line elsewhere is an error naming the line.
    /// </summary>
    public static IReadOnlyList<JsonElement> Read(string path)
    {
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        var entries = new List<JsonElement>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            bool last = i == lines.Length - 1; // no newline after it: it may be torn
            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                entries.Add(document.RootElement.Clone());
            }
            catch (JsonException) when (last) { }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}: line {i + 1} is not a JSON object ({e.Message}).", e);
            }
        }
        return entries;
    }

    static string Line(string run, EpochMetrics metrics) =>
        JsonSerializer.Serialize(new { run, metrics.Epoch, metrics.GlobalStep, metrics.LearningRate, metrics.TrainLoss, metrics.ValidationLoss, metrics.ValidationScoreName, metrics.ValidationScore, metrics.Seconds, metrics.SamplesPerSecond, metrics.Improved }, Json);
}
