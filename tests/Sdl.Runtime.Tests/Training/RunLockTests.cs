using Sdl.Runtime.Training;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// The run-folder lock in one process (each FileStream is its own open file, so the operating
/// system's lock refuses the second as it would another process; the main job's tests use two processes).
/// </summary>
public sealed class RunLockTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("sdl-lock-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SecondHolder_IsRefused_UntilTheFirstReleases()
    {
        using (var first = RunLock.Acquire(folder, "--output"))
        {
            Assert.Null(first.TookOverFrom);
            var refused = Assert.Throws<TrainingSetupException>(() => RunLock.Acquire(folder, "--output"));
            Assert.Equal($"--output {folder} is in use by another run (it holds {Path.Combine(folder, RunLock.FileName)}); wait for that run to end, or choose another folder.", refused.Message);
        }
        Assert.Equal("", File.ReadAllText(Path.Combine(folder, RunLock.FileName)));
        using var again = RunLock.Acquire(folder, "--output");
        Assert.Null(again.TookOverFrom); // released cleanly: nothing to take over
    }

    [Fact]
    public void LockFileOfAProcessThatDied_IsTakenOver_AndNamed()
    {
        // What a killed run leaves: its lock file still naming it (the operating system released the lock itself).
        File.WriteAllText(Path.Combine(folder, RunLock.FileName), "process 999999 on host, started 2026-01-01 00:00:00 UTC\n");

        using var taken = RunLock.Acquire(folder, "--output");

        Assert.Equal("process 999999 on host, started 2026-01-01 00:00:00 UTC", taken.TookOverFrom);
    }
}
