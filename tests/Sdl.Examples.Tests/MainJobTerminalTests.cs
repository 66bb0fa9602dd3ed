using System.Diagnostics;
using System.Text;

namespace Sdl.Examples.Tests;

/// <summary>
/// The main job on a real terminal (a pseudo-terminal from util-linux's <c>script</c>, so the live
/// display runs and hides the cursor), interrupted as a user interrupts it: Ctrl-C typed on the
/// terminal, or SIGTERM. The terminal must get its cursor back and the user a line saying how to
/// continue. (Before: the shell was left without a cursor, and nothing was printed.)
/// </summary>
public class MainJobTerminalTests : IDisposable
{
    const string HideCursor = "\u001b[?25l", ShowCursor = "\u001b[?25h";

    readonly string output = Path.Combine(Path.GetTempPath(), "sdl-job-" + Guid.NewGuid().ToString("N"));
    readonly TinyImageData data = new();

    public void Dispose()
    {
        data.Dispose();
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    }

    [TerminalTheory]
    [InlineData("SIGINT")]
    [InlineData("SIGTERM")]
    public void Interrupted_RestoresTheCursor_AndSaysHowToResume(string signal)
    {
        var screen = new StringBuilder();
        string Screen() { lock (screen) return screen.ToString(); }
        using var script = StartOnTerminal(["--epochs", "100000", "--patience", "100000"], screen, out var reader); // outlasts the wait, however fast the machine
        try
        {
            // Wait for the first finished epoch: a checkpoint exists, and the live display is up.
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(output, "soft-cca", "last.ckpt")))
            {
                Assert.False(script.HasExited, $"the job ended early:\n{Screen()}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"no first epoch within 2 minutes:\n{Screen()}");
                Thread.Sleep(100);
            }
            // The screen is read on its own thread, which may lag the job's files on a loaded machine: wait for it too.
            while (!Screen().Contains(HideCursor, StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(100);
            Assert.Contains(HideCursor, Screen());

            if (signal == "SIGINT")
            {
                script.StandardInput.Write('\u0003'); // Ctrl-C, turned into SIGINT by the terminal
                script.StandardInput.Flush();
            }
            else
            {
                // `exec` made the job the only child of script.
                int job = int.Parse(File.ReadAllText($"/proc/{script.Id}/task/{script.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Single());
                using var kill = Process.Start("kill", ["-TERM", job.ToString()])!;
                kill.WaitForExit();
            }
            Assert.True(script.WaitForExit(TimeSpan.FromMinutes(1)), $"the job did not end on {signal}:\n{Screen()}");
            reader.Wait(TimeSpan.FromSeconds(10));
        }
        finally
        {
            if (!script.HasExited) script.Kill(entireProcessTree: true);
        }

        var text = Screen();
        Assert.NotEqual(0, script.ExitCode);
        Assert.True(text.LastIndexOf(ShowCursor, StringComparison.Ordinal) > text.LastIndexOf(HideCursor, StringComparison.Ordinal),
                    $"the cursor was left hidden:\n{text}");
        Assert.Contains($"interrupted ({signal}): {output} keeps each method's last complete epoch; to continue, run the same command with --resume (--output {output}).",
                        text.Replace("\r", "").Replace("\n", ""));
    }

    [TerminalTheory]
    [InlineData("--lr")]
    public void FailedTraining_OnATerminal_RestoresTheCursor(string option)
    {
        // An absurd learning rate: the loss becomes NaN inside the live display, an exception leaves it.
        var screen = new StringBuilder();
        using var script = StartOnTerminal(["--epochs", "3", option, "1e30"], screen, out var reader);
        Assert.True(script.WaitForExit(TimeSpan.FromMinutes(2)), "the job did not end");
        reader.Wait(TimeSpan.FromSeconds(10));
        string text;
        lock (screen) text = screen.ToString();

        Assert.Equal(ExitCode.TrainingFailed, script.ExitCode);
        Assert.Contains(HideCursor, text);
        Assert.True(text.LastIndexOf(ShowCursor, StringComparison.Ordinal) > text.LastIndexOf(HideCursor, StringComparison.Ordinal), $"the cursor was left hidden:\n{text}");
        Assert.Contains("error: Training diverged: loss term ", text);
    }

    /// <summary>The tiny Soft CCA job on a pseudo-terminal (live display on); what the terminal shows is appended to <paramref name="screen"/>.</summary>
    Process StartOnTerminal(string[] more, StringBuilder screen, out Task reader)
    {
        string[] job = ["exec", MainJobRun.Host, MainJobRun.Dll, "--data", data.Directory, "--objective", "softcca", "--embedding", "10",
                        "--batch-size", "32", "--output", output, "--device", "cpu", .. more];
        var start = new ProcessStartInfo("script", ["-qfec", string.Join(" ", job.Select(Quote)), "/dev/null"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment.Remove("CI");
        start.Environment["TERM"] = "xterm";
        var script = Process.Start(start)!;
        // A thread of its own (LongRunning): a blocking read on a pool thread waits behind the parallel tests' work.
        reader = Task.Factory.StartNew(() =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = script.StandardOutput.Read(buffer, 0, buffer.Length)) > 0) lock (screen) screen.Append(buffer, 0, n);
        }, TaskCreationOptions.LongRunning);
        return script;
    }

    static string Quote(string argument) => "'" + argument.Replace("'", "'\\''") + "'";
}
