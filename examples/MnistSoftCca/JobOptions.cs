using Sdl.Examples.MnistSoftCca.Models;
using Sdl.Examples.CommandLine;
using Sdl.Runtime.Devices;
using Sdl.Runtime.Training;

namespace Sdl.Examples.MnistSoftCca;

/// <summary>Which methods the job trains and compares.</summary>
public enum Objective
{
    /// <summary>Soft CCA (squared SDL), Soft CCA (L1 SDL), DCCA-EY, DCCA and linear CCA on the raw views, in one table.</summary>
    All,
    SoftCca,
    SoftCcaL1,
    DccaEy,
    Dcca,
    LinearCca,
}

/// <summary>The command line, parsed.</summary>
public sealed record JobOptions(
    Objective Objective,
    string? DataDirectory,
    int Epochs,
    int EmbeddingSize,
    int BatchSize,
    double? LearningRate,
    int? Patience,
    string OutputDirectory,
    int Seed,
    string Device,
    bool Resume,
    bool Restart = false,
    bool Verbose = false,
    double? Alpha = null,
    double? Lambda = null,
    LearningRateSchedule? Schedule = null,
    double? WarmupEpochs = null)
{
    /// <summary>Each option out of range, as a sentence naming it by its command-line name; empty when all are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Epochs < 1) yield return $"--epochs must be at least 1; it is {Epochs}.";
        if (EmbeddingSize < 1) yield return $"--embedding must be at least 1; it is {EmbeddingSize}.";
        else if (Objective != Objective.LinearCca && ModelCatalog.WidthProblem(EmbeddingSize) is string problem)
            yield return $"--embedding: {problem}.";
        if (BatchSize < 2) yield return $"--batch-size must be at least 2 (batch statistics need two samples); it is {BatchSize}.";
        if (LearningRate is double rate && !TrainerOptions.IsUsableRate(rate))
            yield return $"--lr must be a finite number > 0 that float32 can hold (about 1e-45 to 3e38); it is {LearningRate:G}.";
        if (Alpha is double alpha && !(alpha >= 0 && alpha < 1)) yield return $"--alpha must lie in [0, 1); it is {alpha:G}.";
        if (Lambda is double lambda && !(lambda >= 0 && double.IsFinite(lambda))) yield return $"--lambda must be a finite number ≥ 0; it is {lambda:G}.";
        if (Schedule is LearningRateSchedule schedule && !Enum.IsDefined(schedule)) yield return $"--schedule must be Constant, Cosine or StepDecay; it is {(int)schedule}.";
        if (WarmupEpochs is double warmup && !(warmup >= 0 && warmup < Epochs)) yield return $"--warmup must be ≥ 0 and below --epochs ({Epochs}); it is {warmup:G}.";
        if (Patience is < 1) yield return $"--patience must be at least 1; it is {Patience}.";
        if (string.IsNullOrWhiteSpace(OutputDirectory)) yield return "--output is empty: give the folder for the report, plots and checkpoints.";
        if (DataDirectory is not null && string.IsNullOrWhiteSpace(DataDirectory)) yield return "--data is empty: give a folder of IDX files, or leave the option out for the embedded MNIST digits.";
        if (Resume && Restart) yield return "--resume and --restart exclude each other: continue the earlier run, or replace it.";
        if (DeviceProblem() is string device) yield return device;
    }

    /// <summary>Throws <see cref="OptionException"/> naming every problem, before any work.</summary>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0) throw new OptionException(string.Join(" ", problems));
    }

    string? DeviceProblem()
    {
        try
        {
            DeviceSelector.Resolve(Device);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return $"--device: {e.Message}";
        }
    }
}
