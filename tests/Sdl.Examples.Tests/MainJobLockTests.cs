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
        using var first = RunningMainJob.Launch(null, Tiny(3, seed: 1));
        Assert.True(first.WaitForOutput("[Soft CCA (SDL)]", TimeSpan.FromMinutes(2)), "the first run did not reach training");

        foreach (var extra in new[] { Array.Empty<string>(), ["--restart"], ["--resume"] })
        {
            var second = MainJobRun.Start(Tiny(3, 2, extra));
            Assert.True(second.ExitCode == ExitCode.BadInput, second.ToString());
            Assert.Equal($"error: --output {output} is in use by another run (it holds {Path.Combine(output, ".run.lock")}); wait for that run to end, or choose another folder.",
                         second.FirstErrorLine);
            Assert.Equal("", second.StandardOutput);
        }

        var done = first.WaitForEnd();
        Assert.True(done.ExitCode == ExitCode.Success, done.ToString());
        Assert.Equal([0, 1, 2], LoggedEpochs(Path.Combine(output, "soft-cca", "metrics.jsonl")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.Equal("1", report.RootElement.GetProperty("settings").GetProperty("seed").GetString());
        Assert.Equal("", File.ReadAllText(Path.Combine(output, ".run.lock"))); // released cleanly
    }

    [Fact]
    public void RunKilledWithSigkill_LeavesAStaleLock_ThatTheResumeTakesOver()
    {
        using (var killed = RunningMainJob.Launch(null, Tiny(30, seed: 1)))
        {
            Assert.True(killed.WaitForOutput("[Soft CCA (SDL)] epoch 1/30  train", TimeSpan.FromMinutes(2)), "the run did not finish its first epoch");
            killed.KillHard();
            Assert.Contains($"process {killed.ProcessId} ", File.ReadAllText(Path.Combine(output, ".run.lock")));
        }

        var resumed = MainJobRun.Start(Tiny(2, 1, "--resume"));

        Assert.True(resumed.ExitCode == ExitCode.Success, resumed.ToString());
        Assert.Contains("ended without releasing the folder (killed or interrupted); this run takes it over.", resumed.StandardOutput);
        Assert.Equal([0, 1], LoggedEpochs(Path.Combine(output, "soft-cca", "metrics.jsonl")));
        Assert.Equal("", File.ReadAllText(Path.Combine(output, ".run.lock")));
    }
}
