using System.Text.Json;

namespace Sdl.Examples.Tests;

/// <summary>
/// One run per output folder, with two real main job processes: the second is refused with one
/// line while the first runs on undisturbed; a run killed with SIGKILL leaves no lock that blocks
/// its resume. (Before: two runs into one folder both exited 0 with their logs interleaved.)
/// </summary>
public class MainJobLockTests : IDisposable
{
    readonly string output = Path.Combine(Path.GetTempPath(), "sdl-job-" + Guid.NewGuid().ToString("N"));
    readonly TinyImageData data = new();

    public void Dispose()
    {
        data.Dispose();
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    }

    string[] Tiny(int epochs, int seed, params string[] more) =>
        ["--data", data.Directory, "--objective", "softcca", "--embedding", "10", "--epochs", epochs.ToString(), "--batch-size", "32",
         "--seed", seed.ToString(), "--output", output, "--device", "cpu", .. more];

    static int[] LoggedEpochs(string metrics) =>
        File.ReadAllLines(metrics).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("epoch").GetInt32()).ToArray();

    [Fact]
    public void SecondRunIntoTheSameFolder_IsRefused_WhileTheFirstRunsOnUndisturbed()
    {
        // A budget the refusals below cannot outlast (a short first run finished before the third refusal on an idle
        // machine, and the "--restart" attempt then legitimately replaced it); the first run is ended with SIGTERM instead.
        using var first = RunningMainJob.Launch(null, Tiny(100_000, seed: 1, "--patience", "100000"));
        Assert.True(first.WaitForOutput("[Soft CCA (SDL)] epoch 1/", TimeSpan.FromMinutes(2)), "the first run did not finish an epoch");

        foreach (var extra in new[] { Array.Empty<string>(), ["--restart"], ["--resume"] })
        {
            var second = MainJobRun.Start(Tiny(3, 2, extra));
            Assert.True(second.ExitCode == ExitCode.BadInput, second.ToString());
            Assert.Equal($"error: --output {output} is in use by another run (it holds {Path.Combine(output, ".run.lock")}); wait for that run to end, or choose another folder.",
                         second.FirstErrorLine);
            Assert.Equal("", second.StandardOutput);
        }
        Assert.False(first.HasExited, "the first run ended before the refusals were checked");

        first.Terminate();
        var done = first.WaitForEnd();
        Assert.True(done.ExitCode == 143, done.ToString());
        // The first run's own history only, epoch after epoch (before the lock: two runs' epochs interleaved, [0, 0, 1, 1]).
        var epochs = LoggedEpochs(Path.Combine(output, "soft-cca", "metrics.jsonl"));
        Assert.NotEmpty(epochs);
        Assert.Equal(Enumerable.Range(0, epochs.Length), epochs);
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run-settings.json")));
        Assert.Equal("1", settings.RootElement.GetProperty("seed").GetString()); // the refused seed-2 runs wrote nothing
        // The signal ends the process as usual, so the file still names it; the operating system's lock went with the
        // process, and the next run takes the folder over (RunKilledWithSigkill_... below).
        Assert.Contains($"process {first.ProcessId} ", File.ReadAllText(Path.Combine(output, ".run.lock")));
    }

    [Fact]
    public void RunKilledWithSigkill_LeavesAStaleLock_ThatTheResumeTakesOver()
    {
        // A budget the run cannot finish before the kill, however fast the machine; the resume then trains to its own budget.
        using (var killed = RunningMainJob.Launch(null, Tiny(100_000, seed: 1, "--patience", "100000")))
        {
            Assert.True(killed.WaitForOutput("[Soft CCA (SDL)] epoch 1/100000  train", TimeSpan.FromMinutes(2)), "the run did not finish its first epoch");
            killed.KillHard();
            Assert.Contains($"process {killed.ProcessId} ", File.ReadAllText(Path.Combine(output, ".run.lock")));
        }

        var resumed = MainJobRun.Start(Tiny(12, 1, "--resume", "--patience", "100000"));

        Assert.True(resumed.ExitCode == ExitCode.Success, resumed.ToString());
        Assert.Contains("ended without releasing the folder (killed or interrupted); this run takes it over.", resumed.StandardOutput);
        Assert.Equal(Enumerable.Range(0, 12), LoggedEpochs(Path.Combine(output, "soft-cca", "metrics.jsonl")));
        Assert.Equal("", File.ReadAllText(Path.Combine(output, ".run.lock")));
    }
}
