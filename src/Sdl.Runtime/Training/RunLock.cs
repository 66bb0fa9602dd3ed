using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sdl.Runtime.Training;

/// <summary>
/// An exclusive hold on a run folder for the whole run, so that two runs never write into one folder
/// (their logs would interleave and the report match neither checkpoint). It is the operating
/// system's lock on the file <see cref="FileName"/> (<c>flock</c> on Linux and macOS, a share mode on
/// Windows): it ends with the process however the process ends, even after <c>kill -9</c>, so a
/// lock can never be left behind by a dead run.
/// </summary>
/// <remarks>
/// The lock file itself stays in the folder (deleting it on release would let a third run lock a
/// new file while a second still holds the deleted one). While held it names its process; a clean
/// release empties it. Finding it non-empty when taking the lock therefore means the previous run
/// ended without releasing (killed): <see cref="TookOverFrom"/> says which process that was.
/// </remarks>
public sealed class RunLock : IDisposable
{
    /// <summary>Name of the lock file inside the run folder.</summary>
    public const string FileName = ".run.lock";

    readonly FileStream file;

    RunLock(FileStream file, string path, string? tookOverFrom)
    {
        this.file = file;
        FilePath = path;
        TookOverFrom = tookOverFrom;
    }

    /// <summary>The lock file.</summary>
    public string FilePath { get; }

    /// <summary>What the lock file said when it was taken over from a run that did not release it (a killed one); null after a clean release.</summary>
    public string? TookOverFrom { get; }

    /// <summary>
    /// Takes the lock on <paramref name="directory"/> (which must exist) or throws
    /// <see cref="TrainingSetupException"/> saying that another run is using it; <paramref name="optionName"/>
    /// names the setting in the message.
    /// </summary>
    public static RunLock Acquire(string directory, string optionName)
    {
        var path = Path.Combine(directory, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new TrainingSetupException(
                $"{optionName} {directory} is in use by another run (it holds {path}); wait for that run to end, or choose another folder.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainingSetupException($"Cannot lock the folder {directory} ({optionName}): {e.Message}", e);
        }
        try
        {
            var previous = new StreamReader(file, Encoding.UTF8, leaveOpen: true).ReadToEnd().Trim();
            file.SetLength(0);
            var owner = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName}, started {Process.GetCurrentProcess().StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC\n"));
            file.Write(owner);
            file.Flush(flushToDisk: true);
            return new RunLock(file, path, previous.Length > 0 ? previous : null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock and empties the lock file, so the next run knows this one ended cleanly.</summary>
    public void Dispose()
    {
        try
        {
            file.SetLength(0);
            file.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        file.Dispose();
    }
}
