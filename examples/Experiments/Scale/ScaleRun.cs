using System.Globalization;
using Sdl.Examples.Experiments.Models;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;

namespace Sdl.Examples.Experiments.Scale;

/// <summary>
/// The core of the scale suite, apart from data loading and files: at one embedding width k, each
/// method's learning rate (and Soft CCA's λ, if asked) chosen on validation from a grid (a short CPU budget each), then the
/// methods trained interleaved in equal CPU-time slices, validated after every slice, and scored
/// on the test split with their best validated weights.
/// </summary>
public static class ScaleRun
{
    /// <summary>The methods compared, by the names <see cref="Sdl.Reports.MethodColors"/> knows.</summary>
    public static readonly IReadOnlyList<(string Name, Func<int, int, MultiViewModule> Create)> Methods =
    [
        (SoftCcaName, (k, hidden) => SoftCca(Width(k), hidden)),
        ("DCCA-EY", (k, hidden) => hidden > 512 ? new ScaleDccaEy1024(Width(k)) : new ScaleDccaEy512(Width(k))),
        ("DCCA", (k, hidden) => hidden > 512 ? new ScaleDcca1024(Width(k)) : new ScaleDcca512(Width(k))),
    ];

    /// <summary>The name of the Soft CCA entry of <see cref="Methods"/>.</summary>
    public const string SoftCcaName = "Soft CCA (SDL)";

    /// <summary>The scale suite's Soft CCA network of hidden width <paramref name="hidden"/> with <paramref name="options"/> (its width k among them).</summary>
    public static MultiViewModule SoftCca(ModelOptions options, int hidden) => hidden > 512 ? new ScaleSoftCca1024(options) : new ScaleSoftCca512(options);

    static ModelOptions Width(int k) => new() { EmbeddingSize = k };

    /// <summary>Hidden width of the encoders at embedding width k: max(512, k), declared as 512 or 1024.</summary>
    public static int HiddenFor(int k) => k <= 512 ? 512 : 1024;

    /// <summary>
    /// The batch a user would pick at embedding width k: the usual 256 while it is well above k, then
    /// twice k up to 1024, and 1024 beyond: k = 1024 trains at k = m, where DCCA's covariance
    /// estimate of a centred batch is singular (rank ≤ m − 1) and only its ridge keeps it invertible.
    /// </summary>
    public static int BatchFor(int k) => k <= 128 ? 256 : Math.Min(1024, 2 * k);

    /// <summary>
    /// The budgets and grid of one width. <paramref name="SoftCcaLambdas"/>: the λ values Soft CCA's choice on validation
    /// ranges over beside the learning rate (empty: the declared default only). <paramref name="WarmupEpochs"/>: every
    /// method's linear learning-rate warm-up.
    /// </summary>
    public sealed record Plan(double BudgetSeconds, int Slices, double TuneSeconds, IReadOnlyList<double> LearningRates, int Seed = 0, int ValidationFitSamples = 5000)
    {
        public IReadOnlyList<double> SoftCcaLambdas { get; init; } = [];
        public double WarmupEpochs { get; init; }
    }

    /// <summary>One point of a method's grid: a learning rate, and λ where the grid ranges over it.</summary>
    sealed record Candidate(double LearningRate, double? Lambda, Func<MultiViewModule> Create)
    {
        public string Key => Lambda is double l ? $"lr {LearningRate.ToString("G", CultureInfo.InvariantCulture)}, λ {l.ToString("G", CultureInfo.InvariantCulture)}" : LearningRate.ToString("G", CultureInfo.InvariantCulture);
    }

    static IEnumerable<Candidate> Grid(string name, Func<int, int, MultiViewModule> create, int k, int hidden, Plan plan) =>
        name == SoftCcaName && plan.SoftCcaLambdas.Count > 0
            ? from lr in plan.LearningRates from lambda in plan.SoftCcaLambdas
              select new Candidate(lr, lambda, () => SoftCca(new ModelOptions { EmbeddingSize = k, Lambda = lambda }, hidden))
            : plan.LearningRates.Select(lr => new Candidate(lr, null, () => create(k, hidden)));

    /// <summary>Runs every method at width <paramref name="k"/>; <paramref name="log"/> gets one line per slice and choice.</summary>
    public static ScaleWidth Measure(DatasetSplit split, int k, Plan plan, Action<string> log, int? batchSize = null, IReadOnlyList<(string Name, Func<int, int, MultiViewModule> Create)>? methods = null)
    {
        methods ??= Methods;
        int batch = batchSize ?? BatchFor(k), hidden = HiddenFor(k);
        double loadAtStart = CpuClock.LoadAverage();
        var chosen = new List<(string Name, Candidate Candidate, Dictionary<string, double> Scores)>();
        foreach (var (name, create) in methods)
        {
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            var grid = Grid(name, create, k, hidden, plan).ToList();
            foreach (var candidate in grid)
            {
                using var run = new SlicedRun(name, candidate.Create, split.Train, split.Validation, batch, candidate.LearningRate, plan.Seed, k, plan.ValidationFitSamples, plan.WarmupEpochs);
                run.Train(plan.TuneSeconds);
                double score = run.Validate().Score;
                scores[candidate.Key] = score;
                log($"  k = {k}, {name}, {(candidate.Lambda is null ? "lr " : "")}{candidate.Key}: validation {score:F2} after {run.Epochs:F2} epochs ({run.CpuSeconds:F0} CPU s){(run.Failure is null ? "" : $"; {run.Failure}")}");
            }
            // NaN (a failed run) never wins; if every point failed, the middle of the grid is used.
            var best = grid.Where(c => double.IsFinite(scores[c.Key])).OrderByDescending(c => scores[c.Key]).FirstOrDefault() ?? grid[grid.Count / 2];
            log($"  k = {k}, {name}: {(best.Lambda is null ? "learning rate " : "")}{best.Key} chosen on validation");
            chosen.Add((name, best, scores));
        }

        var runs = chosen.Select(c => new SlicedRun(c.Name, c.Candidate.Create, split.Train, split.Validation, batch, c.Candidate.LearningRate, plan.Seed, k, plan.ValidationFitSamples, plan.WarmupEpochs)).ToList();
        try
        {
            double slice = plan.BudgetSeconds / plan.Slices;
            for (int s = 0; s < plan.Slices; s++)
                foreach (var run in runs) // one slice of each method in turn: load swings hit all of them alike
                {
                    run.Train(slice);
                    var point = run.Validate();
                    log($"  k = {k}, {run.Method}: {point.CpuSeconds:F0} CPU s ({point.WallSeconds:F0} wall s), epoch {point.Epochs:F2}, validation {point.Score:F2}{(run.Failure is null ? "" : $"; stopped: {run.Failure}")}");
                }
            double target = QualityCurve.TargetShare * QualityCurve.BestScore(runs.Select(r => (IReadOnlyList<CurvePoint>)r.Curve));
            var results = runs.Zip(chosen, (run, c) =>
            {
                var (test, topK) = run.TestScore(split.Test, k);
                var reached = QualityCurve.FirstReaching(run.Curve, target);
                var best = QualityCurve.Best(run.Curve);
                return new ScaleResult(run.Method, k, batch, hidden, c.Candidate.LearningRate, c.Scores, test, topK, best?.Score ?? double.NaN,
                    run.Epochs, run.CpuSeconds, run.WallSeconds, reached?.CpuSeconds, reached?.WallSeconds, run.Failure, [.. run.Curve]) { Lambda = c.Candidate.Lambda };
            }).ToList();
            return new ScaleWidth(k, batch, hidden, target, loadAtStart, CpuClock.LoadAverage(), results);
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }
}
