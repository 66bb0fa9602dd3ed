using System.Text.Json;
using Sdl.Examples.Experiments;
using Sdl.Examples.Experiments.Scale;
using Sdl.Examples.Experiments.Suites;
using Sdl.Runtime.Data;

namespace Sdl.Examples.Tests;

/// <summary>The scale suite's core on tiny synthetic halves, and its time-to-95 % reading on hand-made curves.</summary>
public class ScaleSuiteTests
{
    static CurvePoint At(double seconds, double score) => new(seconds, seconds * 1.5, seconds / 10, score);

    [Fact]
    public void First_reaching_is_the_earliest_validation_at_or_above_the_target()
    {
        // Out of time order on purpose, with a dip after the first crossing and a NaN (a failed validation).
        var curve = new[] { At(30, 96), At(10, 80), At(20, double.NaN), At(40, 90), At(25, 95) };
        Assert.Equal(25, QualityCurve.FirstReaching(curve, 95)!.CpuSeconds);
        Assert.Equal(30, QualityCurve.FirstReaching(curve, 95.5)!.CpuSeconds);
        Assert.Null(QualityCurve.FirstReaching(curve, 96.01));
        Assert.Null(QualityCurve.FirstReaching(curve, double.NaN));
        Assert.Null(QualityCurve.FirstReaching([], 1));
    }

    [Fact]
    public void Best_score_is_over_all_curves_and_best_point_is_the_earliest_of_the_maximum()
    {
        var a = new[] { At(1, 10), At(2, 30), At(3, 30) };
        var b = new[] { At(1, double.NaN), At(2, 20) };
        Assert.Equal(30, QualityCurve.BestScore([a, b]));
        Assert.True(double.IsNaN(QualityCurve.BestScore([new[] { At(1, double.NaN) }])));
        Assert.Equal(2, QualityCurve.Best(a)!.CpuSeconds);
        Assert.Null(QualityCurve.Best([At(1, double.NaN)]));
    }

    [Fact]
    public void Batch_and_hidden_width_follow_k()
    {
        Assert.Equal([256, 256, 512, 1024, 1024], new[] { 50, 128, 256, 512, 1024 }.Select(ScaleRun.BatchFor));
        Assert.Equal([512, 512, 512, 512, 1024], new[] { 50, 128, 256, 512, 1024 }.Select(ScaleRun.HiddenFor));
    }

    [Fact]
    public void Scale_options_parse()
    {
        var settings = ExperimentSettings.Parse(["scale", "--ks", "50,1024", "--budget", "2.5", "--slices", "3", "--tune-budget", "1", "--lrs", "3e-4,0.001", "--threads", "1"])!;
        Assert.Equal([50, 1024], settings.Ks);
        Assert.Equal(2.5, settings.BudgetSeconds);
        Assert.Equal(3, settings.Slices);
        Assert.Equal(1, settings.TuneSeconds);
        Assert.Equal([3e-4, 1e-3], settings.LearningRates);
    }

    [Fact]
    public void Tiny_budget_run_charges_each_method_its_slices_and_writes_table_json_and_plot()
    {
        var split = DatasetSplit.Random(ImageViews.LeftRightHalves(Images(480, seed: 3)), validationFraction: 0.2, testFraction: 0.2, seed: 0);
        var plan = new ScaleRun.Plan(BudgetSeconds: 0.4, Slices: 2, TuneSeconds: 0.1, LearningRates: [1e-3, 3e-3]);
        var lines = new List<string>();
        var width = ScaleRun.Measure(split, k: 6, plan, lines.Add, batchSize: 48);

        Assert.Equal(["Soft CCA (SDL)", "DCCA-EY", "DCCA"], width.Methods.Select(m => m.Method));
        double best = width.Methods.SelectMany(m => m.Curve).Max(p => p.Score);
        Assert.Equal(QualityCurve.TargetShare * best, width.Target, 12);
        foreach (var m in width.Methods)
        {
            Assert.Null(m.Failure);
            Assert.Equal(2, m.Curve.Count); // one validation per slice
            Assert.True(m.CpuSeconds >= plan.BudgetSeconds, $"{m.Method} was charged {m.CpuSeconds} CPU s of a {plan.BudgetSeconds} s budget");
            Assert.True(m.Curve[1].CpuSeconds > m.Curve[0].CpuSeconds && m.Curve[1].Epochs > m.Curve[0].Epochs);
            Assert.Equal(2, m.TuneScores.Count);
            Assert.Contains(m.LearningRate, plan.LearningRates);
            Assert.Equal(m.TuneScores.MaxBy(s => s.Value).Key, m.LearningRate.ToString("G", System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(double.IsFinite(m.TestTotal) && m.TestTotal > 0 && m.TestTotal <= 6, $"{m.Method}: test total {m.TestTotal}");
            Assert.Equal(6, m.TestTopK);
            // Time to 95 %: the first validation at or above the target, as the curve shows it.
            Assert.Equal(QualityCurve.FirstReaching(m.Curve, width.Target)?.CpuSeconds, m.CpuSecondsTo95);
        }
        Assert.Contains(width.Methods, m => m.CpuSecondsTo95 is not null); // the best method reaches 95 % of itself
        Assert.Contains(lines, l => l.Contains("chosen on validation", StringComparison.Ordinal));

        string folder = Path.Combine(Path.GetTempPath(), "sdl-scale-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new ExperimentSettings("scale", "mnist", 1, null, 48, folder);
            ScaleSuite.Write(settings, plan, split, [width], minutes: 0.1);
            string table = File.ReadAllText(Path.Combine(folder, "scale-mnist.md"));
            Assert.Contains("| 6 | 48 | DCCA |", table, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "scale-mnist.json")));
            Assert.Equal(3, json.RootElement[0].GetProperty("Methods").GetArrayLength());
            Assert.True(new FileInfo(Path.Combine(folder, "scale-mnist.png")).Length > 10_000);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Soft_cca_lambda_is_chosen_with_the_learning_rate_and_the_others_keep_their_declared_lambda()
    {
        var split = DatasetSplit.Random(ImageViews.LeftRightHalves(Images(480, seed: 4)), validationFraction: 0.2, testFraction: 0.2, seed: 0);
        var plan = new ScaleRun.Plan(BudgetSeconds: 0.2, Slices: 1, TuneSeconds: 0.05, LearningRates: [1e-3, 3e-3]) { SoftCcaLambdas = [0.01, 0.3], WarmupEpochs = 0.5 };
        var lines = new List<string>();
        var width = ScaleRun.Measure(split, k: 6, plan, lines.Add, batchSize: 48);

        var soft = width.Methods.Single(m => m.Method == ScaleRun.SoftCcaName);
        Assert.Equal(4, soft.TuneScores.Count); // every (lr, λ) pair
        Assert.Contains(soft.Lambda!.Value, plan.SoftCcaLambdas);
        string chosen = soft.TuneScores.Where(s => double.IsFinite(s.Value)).MaxBy(s => s.Value).Key;
        Assert.Equal(FormattableString.Invariant($"lr {soft.LearningRate:G}, λ {soft.Lambda:G}"), chosen);
        Assert.Contains(lines, l => l.Contains($"{ScaleRun.SoftCcaName}: {chosen} chosen on validation", StringComparison.Ordinal));
        foreach (var other in width.Methods.Where(m => m.Method != ScaleRun.SoftCcaName))
        {
            Assert.Null(other.Lambda);
            Assert.Equal(2, other.TuneScores.Count);
        }
    }

    [Fact]
    public void Scale_takes_lambdas_and_one_warmup_and_refuses_two_before_loading_data()
    {
        var settings = ExperimentSettings.Parse(["scale", "--lambdas", "0.01,0.3", "--warmups", "0.5"])!;
        Assert.Equal([0.01, 0.3], settings.Lambdas);
        Assert.Equal([0.5], settings.Warmups);
        var two = ExperimentSettings.Parse(["scale", "--warmups", "0,1", "--out", Path.Combine(Path.GetTempPath(), "sdl-never-written")])!;
        var error = Assert.Throws<ArgumentException>(() => ScaleSuite.Run(two));
        Assert.Contains("one warm-up", error.Message, StringComparison.Ordinal);
    }

    /// <summary>28 × 28 images whose halves share three latent factors (as <see cref="TinyImageData"/> writes them).</summary>
    static LabeledImages Images(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 28 * 28];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1, c = random.NextDouble() * 2 - 1;
            labels[n] = (byte)((a > 0 ? 1 : 0) + (b > 0 ? 2 : 0) + (c > 0 ? 4 : 0));
            for (int r = 0; r < 28; r++)
                for (int col = 0; col < 28; col++)
                {
                    double value = 0.5 + 0.3 * (a * Math.Sin(r * 0.4 + col * 0.1) + b * Math.Cos(r * 0.25) + c * Math.Sin(col * 0.3)) / 3 + 0.05 * (random.NextDouble() - 0.5);
                    pixels[(n * 28 + r) * 28 + col] = (byte)Math.Clamp(Math.Round(value * 255), 0, 255);
                }
        }
        return new LabeledImages(pixels, labels, 28, 28, "synthetic halves");
    }
}
