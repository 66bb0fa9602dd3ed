using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sdl.Runtime.Training;

/// <summary>
/// The checks and housekeeping of an output folder before any work: it exists or can be created,
/// it can be written, the leftovers of a killed write are removed, and an earlier run in it is
/// found (so that it is never overwritten by accident).
/// </summary>
public static partial class RunDirectory
{
    /// <summary>The files by which a folder is known to hold a training run.</summary>
    public static IReadOnlyList<string> RunFileNames { get; } = [Trainer.LastCheckpointName, Trainer.BestCheckpointName, Trainer.MetricsLogName];

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and proves it writable by writing and
    /// deleting a small file. <paramref name="optionName"/> names the setting in messages
    /// (for example <c>--output</c>, or <c>CheckpointDirectory</c>).
    /// </summary>
    public static void EnsureWritable(string? directory, string optionName)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new TrainingSetupException($"{optionName} is empty: give the folder to write to.");
        if (LinkProblem(directory) is string link)
            throw new TrainingSetupException($"{optionName} {directory} {link}");
        if (File.Exists(directory))
            throw new TrainingSetupException($"{optionName} {directory} is a file, not a folder.");
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new TrainingSetupException($"Cannot create the folder {directory} ({optionName}): {e.Message}", e);
        }
        var probe = Path.Combine(directory, $".write-probe.{Environment.ProcessId}.{Guid.NewGuid():N}{RunFileWriter.TemporarySuffix}");
        try
        {
            using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(new byte[4096]);
                file.Flush(flushToDisk: true);
            }
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(probe); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            throw new TrainingSetupException($"Cannot write in the folder {directory} ({optionName}): {e.Message}", e);
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="path"/> as a folder when it is a symbolic link that leads
    /// nowhere: a loop, or a missing target. Null for anything else, a link to a folder included.
    /// </summary>
    static string? LinkProblem(string path)
    {
        FileSystemInfo info = new DirectoryInfo(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        if (info.LinkTarget is null) return null;
        try
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || target.Exists) return null;
            return File.Exists(target.FullName) ? null : $"is a symbolic link to {info.LinkTarget}, which does not exist (a dangling link): create the folder it points to, or give another folder.";
        }
        catch (IOException)
        {
            // ELOOP: the chain of links comes back to itself.
            return $"is a symbolic link that leads back to itself (a loop: {info.LinkTarget}): give a real folder.";
        }
    }

    /// <summary>The run files (<see cref="RunFileNames"/>) present in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> ExistingRunFiles(string directory) =>
        RunFileNames.Where(name => File.Exists(Path.Combine(directory, name))).ToList();

    /// <summary>
    /// Deletes the run files of an earlier run (starting over, asked for explicitly): the log, then
    /// <c>best.ckpt</c>, then <c>last.ckpt</c>, the reverse of the order they are written in, so that
    /// a crash midway leaves a run a resume still accepts.
    /// </summary>
    public static void RemoveRun(string directory)
    {
        foreach (var name in RunFileNames.Reverse())
        {
            var path = Path.Combine(directory, name);
            try { File.Delete(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new TrainingSetupException($"Cannot remove the earlier run's {path} to start over: {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// Removes the temporary files that a killed process left behind mid-write (a finished or
    /// failed write removes its own). A temporary file of another process that is still running
    /// is left alone. Returns the names removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "." + "*" + RunFileWriter.TemporarySuffix))
        {
            var match = TemporaryName().Match(Path.GetFileName(path));
            if (!match.Success) continue;
            int processId = int.Parse(match.Groups["pid"].Value);
            if (processId != Environment.ProcessId && IsRunning(processId)) continue;
            try
            {
                File.Delete(path);
                removed.Add(Path.GetFileName(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The shape of <see cref="RunFileWriter"/>'s temporary names: <c>.name.pid.guid.tmp</c>.</summary>
    [GeneratedRegex(@"^\..+\.(?<pid>\d{1,10})\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TemporaryName();
}
