using Sdl.Examples.CustomCnnEncoder;
using Sdl.Reports;
using Sdl.Examples.CommandLine;
using Sdl.Runtime.Data;
using Sdl.Runtime.Metrics;
using Sdl.Runtime.Training;
using Spectre.Console;
using static TorchSharp.torch;

// A custom CNN encoder inside a generated Soft CCA model: trains on the embedded MNIST halves and
// reports the test canonical correlations, cross-view retrieval and a linear probe.
return ErrorExit.Run(() => Run(args), ProgramArguments.Verbose(args));

// Expected failures (bad data, a NaN loss, an unwritable file) end as one line and an exit code; --verbose adds the trace.
static int Run(string[] args)
{
    LiveProgress.Enable(); // live bars on a terminal, plain lines in logs (ProgressMode.Auto)
    int epochs = ProgramArguments.Integer(args, "--epochs", 5);
    const int seed = 1, batchSize = 128;

    var split = DatasetSplit.Random(ImageViews.LeftRightHalves(ImageDataSource.LoadEmbedded().Train), validationFraction: 0.1, testFraction: 0.2, seed);
    random.manual_seed(seed);
    using var model = new CnnHalves();
    AnsiConsole.WriteLine(model.Summary());
    var result = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = batchSize, Seed = seed, RunName = "CNN Soft CCA", ValidationTopK = HalfDigitCnn.Embedding })
        .Fit(model, split.Train, split.Validation);

    using var scope = NewDisposeScope();
    var device = model.parameters().First().device;
    var train = ModelEmbeddings.Compute(model, split.Train, batchSize, device);
    var test = ModelEmbeddings.Compute(model, split.Test, batchSize, device);
    var (correlations, total, k) = CorrelationEvaluation.Evaluate(train[0], train[1], test[0], test[1], HalfDigitCnn.Embedding);
    var report = new EvaluationReport
    {
        Title = $"CNN encoders with SDL on the layer fc2: test canonical correlation (top {k})",
        Dataset = "MNIST (embedded 10,000-digit subset), left/right halves",
        TrainSamples = split.Train.Count, ValidationSamples = split.Validation.Count, TestSamples = split.Test.Count,
        Methods =
        [
            new MethodResult
            {
                Method = "Soft CCA, CNN encoders", TopK = k, TestTotalCorrelation = total, TestCorrelations = correlations,
                Metrics = EmbeddingMetrics.Evaluate(train[0], train[1], test[0], test[1], split.Train.Labels!, split.Test.Labels!, k),
                EpochsRun = result.History.Count, TrainSeconds = result.History.Sum(h => h.Seconds), Parameters = model.parameters().Sum(p => p.numel()),
            },
        ],
    };
    ReportConsole.Print(report);
    return 0;
}
