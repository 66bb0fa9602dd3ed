using System.Text.Json;


namespace Sdl.Examples.Tests;

/// <summary>A rerun never destroys an earlier run; --resume continues it and --restart replaces it; a file that cannot be written loses nothing already computed.</summary>
public class MainJobRerunTests : IDisposable
{
    readonly string output = Path.Combine(Path.GetTempPath(), "sdl-job-" + Guid.NewGuid().ToString("N"));
    readonly TinyImageData data = new();

    public void Dispose()
    {
        data.Dispose();
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    }

    string[] Tiny(int epochs, params string[] more) =>
        ["--data", data.Directory, "--objective", "softcca", "--embedding", "10", "--epochs", epochs.ToString(), "--batch-size", "32", "--output", output, "--device", "cpu", .. more];

    /// <summary><paramref name="arguments"/> with <paramref name="option"/> set to <paramref name="value"/> (replaced if present).</summary>
    static string[] With(string[] arguments, string option, string value)
    {
        int at = Array.IndexOf(arguments, option);
        if (at < 0) return [.. arguments, option, value];
        var copy = arguments.ToArray();
        copy[at + 1] = value;
        return copy;
    }

    Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(output, "*", SearchOption.AllDirectories).ToDictionary(path => Path.GetRelativePath(output, path), File.ReadAllBytes);

    [Fact]
    public void Rerun_IsRefused_Resume_Continues_Restart_Replaces()
    {
        var first = MainJobRun.Start(Tiny(1));
        Assert.True(first.ExitCode == ExitCode.Success, first.ToString());
        var before = Snapshot();
        Assert.Contains("report.json", before.Keys);
        Assert.Contains(Path.Combine("soft-cca", "best.ckpt"), before.Keys);

        var rerun = MainJobRun.Start(Tiny(1));
        Assert.True(rerun.ExitCode == ExitCode.BadInput, rerun.ToString());
        Assert.StartsWith($"error: {output} already holds an earlier run (run-settings.json, report.json, report.md, correlation-spectrum.png, learning-curves.png, soft-cca/last.ckpt, soft-cca/best.ckpt, soft-cca/metrics.jsonl): " +
                          "pass --resume to continue it, --restart to replace it, or --output <another folder>.", rerun.FirstErrorLine);
        Assert.Equal(before, Snapshot());

        var resumed = MainJobRun.Start(Tiny(2, "--resume"));
        Assert.True(resumed.ExitCode == ExitCode.Success, resumed.ToString());
        Assert.Contains("resumed from", resumed.StandardOutput);
        Assert.Contains("restored the weights, optimiser state and SDL buffers of epoch 1", resumed.StandardOutput);
        Assert.Contains("training epochs 2–2", resumed.StandardOutput);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(output, "soft-cca", "metrics.jsonl")).Length);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))))
            Assert.Equal(2, report.RootElement.GetProperty("methods")[0].GetProperty("history").GetArrayLength());

        var restarted = MainJobRun.Start(Tiny(1, "--restart"));
        Assert.True(restarted.ExitCode == ExitCode.Success, restarted.ToString());
        Assert.StartsWith("--restart: removed the earlier run in", restarted.StandardOutput);
        Assert.Single(File.ReadAllLines(Path.Combine(output, "soft-cca", "metrics.jsonl")));
    }

    [Fact]
    public void ResumeWithOtherSettings_IsRefused_AndTheEarlierRunStaysAsItWas()
    {
        var first = MainJobRun.Start(Tiny(1));
        Assert.True(first.ExitCode == ExitCode.Success, first.ToString());
        var before = Snapshot();

        var changed = MainJobRun.Start(With(With(Tiny(2, "--resume"), "--objective", "dcca"), "--seed", "2"));

        Assert.True(changed.ExitCode == ExitCode.BadInput, changed.ToString());
        Assert.Equal($"error: --resume: the run in {output} was started with --objective softcca (this command: dcca), --seed 1 (this command: 2); " +
                     "a resume continues that run with its settings: repeat them, or use --restart to replace the run, or --output <another folder>.", changed.FirstErrorLine);
        Assert.Equal(before, Snapshot());

        // A folder from before run-settings.json existed is checked against its report.json.
        File.Delete(Path.Combine(output, "run-settings.json"));
        var old = MainJobRun.Start(With(Tiny(2, "--resume"), "--objective", "dcca"));
        Assert.True(old.ExitCode == ExitCode.BadInput, old.ToString());
        Assert.Contains("was started with --objective softcca (this command: dcca)", old.FirstErrorLine);

        var same = MainJobRun.Start(Tiny(2, "--resume"));
        Assert.True(same.ExitCode == ExitCode.Success, same.ToString());
        Assert.Contains("training epochs 2–2", same.StandardOutput);
        Assert.True(File.Exists(Path.Combine(output, "run-settings.json")), "the resumed run records its settings");
    }

    [Fact]
    public void ResultFileThatCannotBeWritten_KeepsTheTableAndTheOtherFiles()
    {
        // A folder where report.md should go: that one write fails (as a permission or a full disk would), the others must not.
        Directory.CreateDirectory(Path.Combine(output, "report.md"));

        var run = MainJobRun.Start(Tiny(1));

        Assert.True(run.ExitCode == ExitCode.OutputFailed, run.ToString());
        Assert.StartsWith($"error: Could not write {Path.Combine(output, "report.md")}: ", run.FirstErrorLine);
        Assert.EndsWith("The table above is complete; 3 of 4 result files were written.", run.FirstErrorLine);
        Assert.Contains("Soft CCA (SDL)", run.StandardOutput); // the table was printed
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
        Assert.True(File.Exists(Path.Combine(output, "learning-curves.png")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }
}
