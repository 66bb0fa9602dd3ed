namespace Sdl.Runtime.Training;

/// <summary>
/// Every write the trainer makes to its run folder goes through here: whole files atomically
/// (temporary file beside the target, flushed to disk, renamed over it) and appended lines.
/// <see cref="WritePoint"/> is the fault-injection seam: it is called at each instant where a
/// crash would leave something different on disk, so a test can stop the run at every one of
/// them (see <c>CrashConsistencyTests</c>).
/// </summary>
internal sealed class RunFileWriter
{
    /// <summary>Suffix of the temporary files; a run folder's leftovers of a killed write end with it.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Called before each step that changes the disk; throwing from it simulates a crash there.</summary>
    public Action<WritePoint>? WritePoint { get; init; }

    /// <summary>Wraps each file stream before it is written (tests: a stream that fails as a full disk would).</summary>
    public Func<Stream, Stream>? WrapStream { get; init; }

    public static RunFileWriter Default { get; } = new();

    /// <summary>Writes <paramref name="bytes"/> as the new content of <paramref name="path"/>: the old content or the new one, never a mixture.</summary>
    public void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Same folder as the target: a rename within one file system is atomic.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            WritePoint?.Invoke(new WritePoint(path, WriteStage.BeforeTemporary));
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var file = WrapStream?.Invoke(stream) ?? stream)
            {
                int half = bytes.Length / 2;
                file.Write(bytes[..half]);
                if (WritePoint is not null)
                {
                    file.Flush();
                    WritePoint(new WritePoint(path, WriteStage.TemporaryHalfWritten));
                }
                file.Write(bytes[half..]);
                file.Flush();
                stream.Flush(flushToDisk: true);
            }
            WritePoint?.Invoke(new WritePoint(path, WriteStage.BeforeRename));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A failed write (disk full, permission) cleans up after itself; a killed process cannot,
            // and the next run removes its leftovers (RunDirectory.RemoveLeftovers).
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Appends one line; a crash midway leaves a torn last line, which readers of the log skip.</summary>
    public void AppendLine(string path, string line)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
        WritePoint?.Invoke(new WritePoint(path, WriteStage.BeforeAppend));
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
        using var file = WrapStream?.Invoke(stream) ?? stream;
        int half = bytes.Length / 2;
        file.Write(bytes, 0, half);
        if (WritePoint is not null)
        {
            file.Flush();
            WritePoint(new WritePoint(path, WriteStage.LineHalfAppended));
        }
        file.Write(bytes, half, bytes.Length - half);
        file.Flush();
        stream.Flush(flushToDisk: true);
    }

    static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}

/// <summary>Where in a write a crash is simulated.</summary>
internal enum WriteStage
{
    BeforeTemporary,
    TemporaryHalfWritten,
    BeforeRename,
    BeforeAppend,
    LineHalfAppended,
}

/// <summary>One instant of a write: the file being written and how far the write has come.</summary>
internal readonly record struct WritePoint(string Path, WriteStage Stage)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}: {Stage}";
}
