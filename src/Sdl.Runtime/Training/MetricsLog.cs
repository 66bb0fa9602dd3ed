using System.Text.Json;

namespace Sdl.Runtime.Training;

/// <summary>
/// Appends one JSON object per epoch to a <c>.jsonl</c> file: easy to tail during a run and to load
/// into any tool afterwards. Each line is written and flushed whole.
/// </summary>
public sealed class MetricsLog
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public MetricsLog(string path) => Path = path;

    public string Path { get; }

    /// <summary>Appends the metrics of one epoch, tagged with the run name.</summary>
    public void Append(string run, EpochMetrics metrics)
    {
        var line = JsonSerializer.Serialize(new { run, metrics.Epoch, metrics.GlobalStep, metrics.LearningRate, metrics.TrainLoss, metrics.ValidationLoss, metrics.ValidationScoreName, metrics.ValidationScore, metrics.Seconds, metrics.SamplesPerSecond, metrics.Improved }, Json);
        File.AppendAllText(Path, line + "\n");
    }

    /// <summary>Drops lines of epochs at or after <paramref name="epoch"/> (on resume, an epoch the checkpoint does not include is run again).</summary>
    public void TruncateFrom(int epoch)
    {
        if (!File.Exists(Path)) return;
        var kept = File.ReadAllLines(Path).Where(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.GetProperty("epoch").GetInt32() < epoch;
        }).ToArray();
        File.WriteAllLines(Path, kept);
    }
}
