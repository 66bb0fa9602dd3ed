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

    /// <summary>
    /// Reads only the training state (for example to show where a run stands); the whole file is still checked.
    /// A <c>best.ckpt</c> is checked against the <c>last.ckpt</c> beside it, as <see cref="Load"/> does.
    /// </summary>
    public static TrainingState ReadState(string path) => ReadStoredState(CurrentBest(path));

    /// <summary>
    /// The training state stored in this very file (checked for damage), with no look at the run around it: what a
    /// <c>best.ckpt</c> holds even when the <c>last.ckpt</c> beside it is damaged (the trainer's own repair, and a
    /// program's advice to resume from an intact <c>best.ckpt</c>, need that).
    /// </summary>
    public static TrainingState ReadStoredState(string path)
    {
        using var reader = Open(path);
        return ReadContentState(path, reader);
    }

    /// <summary>
    /// Restores <paramref name="model"/> (strictly: every key must match) and, if given,
    /// <paramref name="optimizer"/>, and returns the training state.
    /// </summary>
    /// <remarks>
    /// A file named <c>best.ckpt</c> with a <c>last.ckpt</c> beside it is checked against the run's commit point:
    /// when the run was stopped (a kill, a power loss) after <c>last.ckpt</c> of an improved epoch was renamed into
    /// place but before <c>best.ckpt</c> was replaced, <c>best.ckpt</c> still holds an earlier epoch while the
    /// run's best is <c>last.ckpt</c>'s own; the bytes <c>best.ckpt</c> was about to receive are then exactly
    /// <c>last.ckpt</c>'s, and those are read instead (nothing is written; a resume repairs the file on disk).
    /// Any other disagreement (the two files from different runs, or <c>best.ckpt</c> ahead of or behind the best
    /// epoch <c>last.ckpt</c> names for another reason) is a <see cref="CheckpointException"/> naming both epochs.
    /// </remarks>
    public static TrainingState Load(string path, nn.Module model, OptimizerHelper? optimizer)
    {
        path = CurrentBest(path);
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
    /// The file that holds what <paramref name="path"/> should hold: itself, unless it is a <c>best.ckpt</c> that a
    /// crash left one write behind the <c>last.ckpt</c> beside it (see <see cref="Load"/>); then <c>last.ckpt</c>.
    /// </summary>
    static string CurrentBest(string path)
    {
        if (!string.Equals(Path.GetFileName(path), Trainer.BestCheckpointName, StringComparison.Ordinal)) return path;
        var lastPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Trainer.LastCheckpointName);
        if (!File.Exists(lastPath)) return path; // a best.ckpt on its own (copied out of its run): nothing to check it against
        TrainingState last;
        try { last = ReadStoredState(lastPath); }
        catch (CheckpointException e)
        {
            throw new CheckpointException(path, $"cannot be checked against {Trainer.LastCheckpointName} beside it, which is unusable ({e.Problem}); " +
                                                $"move {Trainer.LastCheckpointName} away to load this file on its own.", e);
        }
        // Problems of best.ckpt itself (missing, truncated, damaged) keep their own message.
        if (!File.Exists(path))
            throw new CheckpointException(path, last.BestEpoch < 0
                ? $"checkpoint not found ({Trainer.LastCheckpointName} beside it records no best epoch: the run had no validation score)."
                : $"checkpoint not found, but {Trainer.LastCheckpointName} beside it names epoch {last.BestEpoch + 1} as the best" +
                  (last.BestEpoch == last.CompletedEpochs - 1 && last.StepsIntoEpoch == 0
                      ? $" and holds its weights: the run stopped before writing this file. Load {Trainer.LastCheckpointName}, or resume the run, which writes it."
                      : "; the run folder is incomplete."));
        var best = ReadStoredState(path);
        int holds = best.CompletedEpochs - 1;
        bool sameRun = best.ModelName == last.ModelName && best.Seed == last.Seed && best.BatchSize == last.BatchSize
                       && best.TrainingSamples == last.TrainingSamples && SameEpochs(best.History, last.History);
        if (!sameRun)
            throw new CheckpointException(path, $"it holds epoch {best.CompletedEpochs} of another run than {Trainer.LastCheckpointName} beside it " +
                                                "(a different model, seed, batch size, data or history); keep each run's checkpoints in their own folder.");
        if (holds == last.BestEpoch && best.StepsIntoEpoch == 0) return path;
        bool lastIsTheBest = last.BestEpoch >= 0 && last.BestEpoch == last.CompletedEpochs - 1 && last.StepsIntoEpoch == 0;
        if (lastIsTheBest && holds < last.BestEpoch) return lastPath; // the one state a crash between the two renames leaves
        throw new CheckpointException(path, last.BestEpoch < 0
            ? $"it holds epoch {best.CompletedEpochs}, but {Trainer.LastCheckpointName} beside it records no best epoch."
            : $"stale: it holds epoch {best.CompletedEpochs}, but {Trainer.LastCheckpointName} beside it names epoch {last.BestEpoch + 1} as the best. " +
              "Resume the run to repair it, or load the checkpoint of the epoch you want.");
    }

    /// <summary>Whether two histories agree on the epochs both hold (one run's checkpoints share every epoch's record).</summary>
    static bool SameEpochs(IReadOnlyList<EpochMetrics> a, IReadOnlyList<EpochMetrics> b)
    {
        int common = Math.Min(a.Count, b.Count);
        return JsonSerializer.Serialize(a.Take(common).ToList(), Json) == JsonSerializer.Serialize(b.Take(common).ToList(), Json);
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
