using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Runtime.Training;

/// <summary>
/// The trainer's divergence guard (<see cref="DivergenceGuardOptions"/>): it judges the numbers the
/// trainer already has on the host (each step's loss terms, the gradient norm when clipping computes
/// it, each epoch's validation score), so it adds no device-to-host read; it keeps the last good
/// epoch's weights and optimiser state in memory, and on a blow-up puts them back with a lower
/// learning rate, or, once the recoveries are spent, ends the run.
/// </summary>
/// <remarks>
/// A non-finite gradient norm is seen directly when <see cref="TrainerOptions.GradientClipNorm"/> computes
/// it; without clipping, computing it would cost a reduction and a host read per step, and a non-finite
/// gradient makes the next step's loss non-finite (Adam's and SGD's updates carry the NaN into the
/// weights), so it is caught one step later and undone by the same restore.
/// </remarks>
internal sealed class DivergenceGuard
{
    readonly DivergenceGuardOptions options;
    readonly double[] window;
    readonly double[] scratch;
    int count, next;
    readonly ModelSnapshot lastGood = new();

    public DivergenceGuard(DivergenceGuardOptions options)
    {
        this.options = options;
        window = new double[options.LossWindow];
        scratch = new double[options.LossWindow];
    }

    /// <summary>The largest rise of an accepted step's loss over its window, in the units of <see cref="DivergenceGuardOptions.LossJump"/>: how close a run came to the threshold.</summary>
    public double LargestLossRise { get; private set; }

    /// <summary>Judges one step's loss terms before its update is applied; returns why the step is a blow-up, or null and remembers its total.</summary>
    public string? CheckStep(IReadOnlyDictionary<string, double> values)
    {
        foreach (var (name, value) in values.OrderBy(kv => kv.Key == "total" ? 1 : 0))
            if (!double.IsFinite(value))
                return $"loss term '{name}' became {Describe(value)}";
        double total = values.TryGetValue("total", out var t) ? t : values.Values.Sum();
        if (count == window.Length)
        {
            Array.Copy(window, scratch, window.Length);
            double median = Median(scratch);
            for (int i = 0; i < scratch.Length; i++) scratch[i] = Math.Abs(window[i] - median);
            double spread = Median(scratch);
            double scale = Math.Max(Math.Abs(median), spread);
            double rise = scale > 0 ? (total - median) / scale : total > median ? double.PositiveInfinity : 0;
            if (rise > options.LossJump)
                return string.Create(CultureInfo.InvariantCulture,
                    $"the training loss jumped to {total:G4}, {rise:F1} times the scale of the last {window.Length} steps above their median {median:G4} (threshold {options.LossJump:G})");
            LargestLossRise = Math.Max(LargestLossRise, rise);
        }
        window[next] = total;
        next = (next + 1) % window.Length;
        count = Math.Min(count + 1, window.Length);
        return null;
    }

    /// <summary>Judges the gradient norm that clipping computed.</summary>
    public static string? CheckGradientNorm(double norm) => double.IsFinite(norm) ? null : $"the gradient norm became {Describe(norm)}";

    /// <summary>
    /// Judges an epoch's validation score against the accepted epochs before it: a non-finite score after
    /// finite ones, or, once <see cref="DivergenceGuardOptions.ScoreWindow"/> epochs are there, a fall below
    /// their best by more than <see cref="DivergenceGuardOptions.ScoreDrop"/> of it and by more than
    /// <see cref="ScoreNoise"/> times their median change from epoch to epoch (a small score on little
    /// validation data can lose a quarter of itself to noise). A non-finite score with no finite one before
    /// it is no blow-up (there is nothing good to go back to): the trainer fails on it as without the guard.
    /// </summary>
    public string? CheckScore(double score, string scoreName, IReadOnlyList<EpochMetrics> history)
    {
        var recent = history.Select(h => h.ValidationScore).OfType<double>().Where(double.IsFinite).TakeLast(options.ScoreWindow).ToList();
        if (recent.Count == 0) return null;
        if (!double.IsFinite(score)) return $"the {scoreName} became {Describe(score)}";
        if (recent.Count < options.ScoreWindow) return null;
        double best = recent.Max();
        double noise = recent.Count < 2 ? 0 : Median(recent.Zip(recent.Skip(1), (a, b) => Math.Abs(b - a)).ToArray());
        if (best > 0 && score < best * (1 - options.ScoreDrop) && best - score > ScoreNoise * noise)
            return string.Create(CultureInfo.InvariantCulture,
                $"the {scoreName} fell to {score:F3}, {(1 - score / best) * 100:F0} % below {best:F3}, the best of the last {recent.Count} epoch(s) (threshold {options.ScoreDrop * 100:G} %)");
        return null;
    }

    /// <summary>How many times the window's median epoch-to-epoch change a fall of the score must exceed as well.</summary>
    public const double ScoreNoise = 5;

    /// <summary>Remembers the model and optimiser as the last good state to go back to (the start of training, then each accepted epoch).</summary>
    public void MarkGood(nn.Module model, OptimizerHelper optimizer, TrainingState state) => lastGood.Capture(model, optimizer, state);

    /// <summary>
    /// Puts back the last good weights and optimiser state and returns the training state to continue from,
    /// its learning-rate scale lowered and its recovery counted, with the line to log; once
    /// <see cref="DivergenceGuardOptions.MaxRecoveries"/> are spent, puts them back and throws <see cref="TrainingDivergedException"/>.
    /// </summary>
    public (TrainingState State, string Message) Recover(nn.Module model, OptimizerHelper optimizer, TrainingState current, string cause, string where, string? lastCheckpoint)
    {
        var good = lastGood.Restore(model, optimizer);
        int recoveries = current.DivergenceRecoveries + 1;
        string goodEpoch = good.CompletedEpochs == 0 ? "the start of training" : $"epoch {good.CompletedEpochs}";
        if (recoveries > options.MaxRecoveries)
            throw new TrainingDivergedException(cause, where, options.MaxRecoveries, good.CompletedEpochs - 1, current.LearningRateScale, lastCheckpoint);
        double scale = current.LearningRateScale * options.LearningRateFactor;
        var state = good with { LearningRateScale = scale, DivergenceRecoveries = recoveries };
        // The window keeps the accepted steps' losses: they describe the restored weights, and an empty
        // window would let a blow-up on the first steps after the restore pass unjudged.
        return (state, string.Create(CultureInfo.InvariantCulture,
            $"divergence guard: {cause} ({where}); restored the weights and optimiser state of {goodEpoch}, " +
            $"learning rate × {options.LearningRateFactor:G} (now {scale:G3} of the configured rate), batches in a fresh order; recovery {recoveries} of {options.MaxRecoveries}"));
    }

    /// <summary>
    /// The seed of the batch order after <paramref name="recoveries"/> recoveries: the run's own seed before any,
    /// then a fresh one per recovery, as large-model training skips the batches around a loss spike after
    /// restarting from before it. Deterministic, so a resumed run draws the same order.
    /// </summary>
    public static int OrderSeed(int seed, int recoveries) => recoveries == 0 ? seed : unchecked(seed ^ (int)(0x9E3779B9u * (uint)recoveries));

    /// <summary>One line on how close the run came to the loss threshold, for the log.</summary>
    public string Summary(TrainingState state) => string.Create(CultureInfo.InvariantCulture,
        $"divergence guard: {(state.DivergenceRecoveries == 0 ? "no recoveries" : $"{state.DivergenceRecoveries} recover{(state.DivergenceRecoveries == 1 ? "y" : "ies")}")}; " +
        $"largest rise of a step's loss {LargestLossRise:F2} (threshold {options.LossJump:G})");

    static double Median(double[] values)
    {
        Array.Sort(values);
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    }

    static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}
