using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>
/// One file holding a run's whole state: the model's state_dict (parameters and buffers, so the
/// SDL running covariances too), the optimiser's state (moments, step counts, learning rates) and
/// the <see cref="TrainingState"/>. Written to a temporary file and renamed over the old one, so a
/// crash or a full disk mid-write never destroys the previous checkpoint.
/// </summary>
public static class TrainingCheckpoint
{
    const string Magic = "SDL.DSL-CHECKPOINT";
    const int FormatVersion = 1;

    static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes atomically: temporary file in the same folder, flushed to disk, then renamed over <paramref name="path"/>.</summary>
    public static void Save(string path, nn.Module model, OptimizerHelper optimizer, TrainingState state) =>
        Save(path, model, optimizer, state, stream => stream);

    /// <summary>As <see cref="Save(string, nn.Module, OptimizerHelper, TrainingState)"/>; <paramref name="wrap"/> lets tests make the write fail midway.</summary>
    internal static void Save(string path, nn.Module model, OptimizerHelper optimizer, TrainingState state, Func<Stream, Stream> wrap)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Same folder as the target: a rename within one file system is atomic.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using (var writer = new BinaryWriter(wrap(file), Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(FormatVersion);
                    writer.Write(JsonSerializer.Serialize(state, Json));
                    model.save(writer);
                    optimizer.save_state_dict(writer);
                    writer.Flush();
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Reads only the training state (for example to show where a run stands).</summary>
    public static TrainingState ReadState(string path)
    {
        using var reader = Open(path);
        return ReadHeader(path, reader);
    }

    /// <summary>
    /// Restores <paramref name="model"/> (strictly: every key must match) and, if given,
    /// <paramref name="optimizer"/>, and returns the training state.
    /// </summary>
    public static TrainingState Load(string path, nn.Module model, OptimizerHelper? optimizer)
    {
        using var reader = Open(path);
        var state = ReadHeader(path, reader);
        try
        {
            model.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException)
        {
            throw new CheckpointException(path, $"its weights do not fit model '{state.ModelName}' as built now ({e.Message}). Was a layer renamed or resized?", e);
        }
        if (optimizer is not null)
        {
            try { optimizer.load_state_dict(reader); }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException)
            {
                throw new CheckpointException(path, $"its optimiser state does not fit this optimiser ({e.Message}).", e);
            }
        }
        return state;
    }

    static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException(path, "checkpoint not found.");
        return new BinaryReader(File.OpenRead(path), Encoding.UTF8, leaveOpen: false);
    }

    static TrainingState ReadHeader(string path, BinaryReader reader)
    {
        try
        {
            if (reader.ReadString() != Magic) throw new CheckpointException(path, "not an Sdl.Dsl checkpoint (bad magic).");
            int version = reader.ReadInt32();
            if (version != FormatVersion) throw new CheckpointException(path, $"checkpoint format {version} is not the supported format {FormatVersion}.");
            return JsonSerializer.Deserialize<TrainingState>(reader.ReadString(), Json)
                ?? throw new CheckpointException(path, "the training state is empty.");
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or JsonException or FormatException)
        {
            throw new CheckpointException(path, $"unreadable checkpoint header ({e.Message}).", e);
        }
    }
}
