using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sdl.Examples.Tests;

/// <summary>
/// The main job under comma-decimal locales, as a user there runs it (LC_ALL/LANG set, which .NET
/// reads through ICU): options mean the same numbers, and reports, logs and metrics are written
/// with decimal points. Before the fix, <c>--lr 0.001 --lambda 0.25</c> trained at lr 1 and λ 25.
/// </summary>
public class MainJobLocaleTests : IDisposable
{
    readonly string output = Path.Combine(Path.GetTempPath(), "sdl-job-" + Guid.NewGuid().ToString("N"));
    readonly TinyImageData data = new();

    public void Dispose()
    {
        data.Dispose();
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    }

    [Theory]
    [InlineData("LC_ALL", "de_DE.UTF-8", "de-DE")]
    [InlineData("LANG", "tr_TR.UTF-8", "tr-TR")]
    public void CommaDecimalLocale_ReadsAndWritesTheSameNumbers(string variable, string locale, string culture)
    {
        // The test means something only where the locale does use a comma (ICU present, globalization not invariant).
        Assert.Equal(",", CultureInfo.GetCultureInfo(culture).NumberFormat.NumberDecimalSeparator);
        var environment = new Dictionary<string, string?> { ["LC_ALL"] = null, ["LANG"] = null, [variable] = locale };

        var run = MainJobRun.Start(environment,
            "--data", data.Directory, "--objective", "softcca", "--embedding", "10", "--epochs", "1", "--batch-size", "32",
            "--lr", "0.001", "--lambda", "0.25", "--alpha", "0.5", "--output", output, "--device", "cpu");

        Assert.True(run.ExitCode == ExitCode.Success, run.ToString());
        Assert.Contains("λ = 0.25", run.StandardOutput); // the model was built with the λ asked for
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json"))))
        {
            var settings = report.RootElement.GetProperty("settings");
            Assert.Equal("0.001", settings.GetProperty("learningRate").GetString());
            Assert.Equal("0.25", settings.GetProperty("lambda").GetString());
            Assert.Equal("0.5", settings.GetProperty("alpha").GetString());
        }
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Matches(@"\| \d+\.\d\d \| \d\.\d{3} \|", markdown); // test and mean correlation with points
        Assert.Matches(@"\d+\.\d s \|", markdown);                 // train time
        Assert.DoesNotMatch(@"\d,\d+ s", markdown);
        // Logs: the plain progress lines and the epoch line.
        Assert.Matches(@"validation total correlation \(top 10\) -?\d+\.\d{3}", run.StandardOutput);
        Assert.DoesNotMatch(@"(total|correlation \(top 10\)) -?\d+,\d", run.StandardOutput);
        foreach (var line in File.ReadAllLines(Path.Combine(output, "soft-cca", "metrics.jsonl")))
            using (JsonDocument.Parse(line)) { }
    }

    [Theory]
    [InlineData("--lr", "0,001")]
    [InlineData("--lambda", "0,25")]
    public void CommaInANumber_IsRefused_NotReadAsThousands(string option, string value)
    {
        var run = MainJobRun.Start(new Dictionary<string, string?> { ["LC_ALL"] = "de_DE.UTF-8" }, "--output", output, option, value);

        Assert.True(run.ExitCode == ExitCode.BadInput, run.ToString());
        Assert.Equal($"error: {option} takes a point as the decimal separator (for example 0.001), whatever the locale; it is '{value}'.", run.FirstErrorLine);
        Assert.False(Directory.Exists(output));
    }
}
