using System.Buffers.Binary;
using System.Security.Cryptography;
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
/// <remarks>
/// Layout (format 2): the magic string, the format number, the length of the content in bytes and
/// the SHA-256 of the content, then the content (the state as JSON, the state_dict, the optimiser
/// state). The length and checksum are checked before anything is read, so a truncated or damaged
/// file is named as such instead of surfacing as a tensor that does not fit. Format 1 (no length,
/// no checksum) is still read.
/// </remarks>
public static class TrainingCheckpoint
{
    const string Magic = "SDL.DSL-CHECKPOINT";
    const int FormatVersion = 2;
    const int LegacyFormatVersion = 1;

    static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes atomically: temporary file in the same folder, flushed to disk, then renamed over <paramref name="path"/>.</summary>
    public static void Save(string path, nn.Module model, OptimizerHelper optimizer, TrainingState state) =>
        Write(path, Serialize(model, optimizer, state), RunFileWriter.Default);

    /// <summary>The complete file: header (magic, format, content length, SHA-256) and content.</summary>
    /// <remarks>
    /// Built in one buffer, sized up front from the tensors' bytes, with the header's length and checksum
    /// filled in last: a checkpoint of 12 MB took 100 ms when the content and the file were separate
    /// growing streams and a final copy (each a fresh large-object allocation, page-faulted in).
    /// </remarks>
    internal static ReadOnlyMemory<byte> Serialize(nn.Module model, OptimizerHelper optimizer, TrainingState state)
    {
        using var file = new MemoryStream(EstimatedSize(model));
        using var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        long lengthAt = file.Position;
        writer.Write(0L);
        writer.Write(new byte[SHA256.HashSizeInBytes]);
        long bodyAt = file.Position;
        writer.Write(JsonSerializer.Serialize(state, Json));
        model.save(writer);
        optimizer.save_state_dict(writer);
        writer.Flush();

        var bytes = file.GetBuffer().AsMemory(0, (int)file.Length);
        var body = bytes.Span[(int)bodyAt..];
        BinaryPrimitives.WriteInt64LittleEndian(bytes.Span.Slice((int)lengthAt, sizeof(long)), body.Length); // as BinaryWriter writes it
        SHA256.HashData(body, bytes.Span.Slice((int)lengthAt + sizeof(long), SHA256.HashSizeInBytes));
        return bytes;
    }

    /// <summary>The model's tensors three times over (parameters and two moments per parameter, as Adam keeps) plus room for names and the state.</summary>
    static int EstimatedSize(nn.Module model)
    {
        long bytes = 0;
        foreach (var (_, tensor) in model.state_dict()) bytes += tensor.NumberOfElements * tensor.ElementSize;
        return (int)Math.Min(Array.MaxLength, 3 * bytes + (1 << 16));
    }

    internal static void Write(string path, ReadOnlyMemory<byte> checkpoint, RunFileWriter writer)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer.WriteAtomically(path, checkpoint.Span);
    }

    /// <summary>Reads only the training state (for example to show where a run stands); the whole file is still checked.</summary>
    public static TrainingState ReadState(string path)
    {
        using var reader = Open(path);
        return ReadContentState(path, reader);
    }

    /// <summary>
    /// Restores <paramref name="model"/> (strictly: every key must match) and, if given,
    /// <paramref name="optimizer"/>, and returns the training state.
    /// </summary>
    public static TrainingState Load(string path, nn.Module model, OptimizerHelper? optimizer)
    {
        using var reader = Open(path);
        var state = ReadContentState(path, reader);
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

    /// <summary>
    /// Opens the file and checks its header, length and checksum; returns a reader positioned at
    /// the content. Problems of the file itself (not a checkpoint, truncated, damaged) are raised
    /// here, before any tensor is read.
    /// </summary>
    static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new CheckpointException(path, "checkpoint not found.");
        byte[] file;
        try { file = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot be read ({e.Message}).", e);
        }
        var reader = new BinaryReader(new MemoryStream(file, writable: false), Encoding.UTF8, leaveOpen: false);
        try
        {
            var magic = Encoding.UTF8.GetBytes(Magic);
            if (file.Length < magic.Length + 1 || file[0] != magic.Length || !file.AsSpan(1, magic.Length).SequenceEqual(magic))
                throw new CheckpointException(path, file.Length == 0 ? "the file is empty (not a checkpoint, or truncated to nothing)." : "not an Sdl.Dsl checkpoint (bad magic).");
            reader.BaseStream.Position = magic.Length + 1;
            int version = ReadOrTruncated(path, reader, r => r.ReadInt32());
            if (version == LegacyFormatVersion) return reader;
            if (version != FormatVersion) throw new CheckpointException(path, $"checkpoint format {version} is not a supported format ({LegacyFormatVersion} or {FormatVersion}).");
            long length = ReadOrTruncated(path, reader, r => r.ReadInt64());
            var checksum = ReadOrTruncated(path, reader, r => r.ReadBytes(SHA256.HashSizeInBytes));
            if (checksum.Length < SHA256.HashSizeInBytes) throw Truncated(path);
            long present = file.Length - reader.BaseStream.Position;
            if (length < 0) throw new CheckpointException(path, $"damaged: its header gives a negative content length ({length}).");
            if (present < length)
                throw new CheckpointException(path, $"truncated: its header promises {length:N0} bytes of content but the file holds {present:N0} " +
                                                    "(an interrupted copy or a full disk?). Delete it or restore it from a copy.");
            if (present > length)
                throw new CheckpointException(path, $"damaged: {present - length:N0} unexpected bytes follow its {length:N0} bytes of content.");
            var body = file.AsSpan((int)reader.BaseStream.Position, (int)length);
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(checksum))
                throw new CheckpointException(path, "damaged: its content does not match the SHA-256 checksum in its header " +
                                                    "(the file was altered or corrupted after it was written). Delete it or restore it from a copy.");
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    static T ReadOrTruncated<T>(string path, BinaryReader reader, Func<BinaryReader, T> read)
    {
        try { return read(reader); }
        catch (EndOfStreamException) { throw Truncated(path); }
    }

    static CheckpointException Truncated(string path) => new(path, "truncated: the file ends inside its header.");

    static TrainingState ReadContentState(string path, BinaryReader reader)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingState>(reader.ReadString(), Json)
                ?? throw new CheckpointException(path, "the training state is empty.");
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or JsonException or FormatException)
        {
            throw new CheckpointException(path, $"unreadable training state ({e.Message}).", e);
        }
    }
}
