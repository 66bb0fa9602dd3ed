using Sdl.Examples.SupervisedDecorrelation;
using Sdl.Reports;
using Sdl.Examples.CommandLine;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Training;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

// A digit classifier regularised with SDL, with DeCov, and with nothing, under the same budget.
// Trained on 1,000 digits (where regularisation can matter) and tested on 2,000 others; reports test
// accuracy and how correlated the hidden units end up (mean |off-diagonal correlation| on test).
return ErrorExit.Run(() => Run(args), ProgramArguments.Verbose(args));

// Expected failures (bad data, a NaN loss, an unwritable file) end as one line and an exit code; --verbose adds the trace.
static int Run(string[] args)
{
    LiveProgress.Enable(); // live bars on a terminal, plain lines in logs (ProgressMode.Auto)
    int epochs = ProgramArguments.Integer(args, "--epochs", 30);
    const int seed = 1, batchSize = 100, trainSamples = 1000;

    var images = ImageDataSource.LoadEmbedded().Train;
    var flat = new MultiViewDataset([new ViewData("pixels", images.Pixels.Select(p => p / 255f).ToArray(), Architecture.Pixels)],
        images.Labels.Select(l => (int)l).ToArray(), "MNIST (embedded 10,000-digit subset), whole images");
    var split = DatasetSplit.Random(flat, validationFraction: 0.1, testFraction: 0.2, seed);
    var train = split.Train.Subset(Enumerable.Range(0, trainSamples).ToArray(), $"{trainSamples:N0} of {split.Train.Description}");
    AnsiConsole.MarkupLine($"[bold]Data[/]: {Markup.Escape(train.Description)}; {split.Validation.Count:N0} validation, {split.Test.Count:N0} test");

    var table = new Table().Border(TableBorder.Rounded).Title($"Test accuracy after {epochs} epochs on {trainSamples:N0} training digits");
    table.AddColumn("Hidden-layer regulariser").AddColumn(new TableColumn("Test accuracy").RightAligned())
         .AddColumn(new TableColumn("Best validation acc.").RightAligned()).AddColumn(new TableColumn("Mean |corr| hidden1").RightAligned()).AddColumn(new TableColumn("Mean |corr| hidden2").RightAligned());
    foreach (var (name, create) in new (string, Func<MultiViewModule>)[]
             { ("SDL", () => new DigitClassifierSdl()), ("DeCov", () => new DigitClassifierDeCov()), ("none", () => new DigitClassifierPlain()) })
    {
        random.manual_seed(seed);
        using var model = create();
        var result = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = 1e-3, Seed = seed, RunName = name }).Fit(model, train, split.Validation);

        using var scope = NewDisposeScope();
        var device = model.parameters().First().device;
        var logits = ModelEmbeddings.Compute(model, split.Test, batchSize, device)[0];
        double accuracy = logits.argmax(1).eq(tensor(split.Test.Labels!.Select(l => (long)l).ToArray())).to(float64).mean().ToDouble();
        var hidden = ModelEmbeddings.ComputeTaps(model, split.Test, batchSize, device, "Pixels.hidden1", "Pixels.hidden2");
        table.AddRow(name, $"{accuracy:P2}", $"{result.BestScore:P2}", $"{MeanAbsoluteCorrelation(hidden[0]):F3}", $"{MeanAbsoluteCorrelation(hidden[1]):F3}");
    }
    ReportConsole.UseWideLayoutWhenRedirected();
    AnsiConsole.Write(table);
    return 0;
}

// Mean |correlation| between distinct units that are active somewhere (dead ReLUs have no correlation).
static double MeanAbsoluteCorrelation(Tensor activations)
{
    using var scope = NewDisposeScope();
    var x = activations.to(float64);
    var alive = x.std([0]).gt(1e-8);
    x = x.index_select(1, alive.nonzero().flatten());
    long k = x.shape[1];
    if (k < 2) return double.NaN;
    var correlation = corrcoef(x.t());
    return ((correlation.abs().sum() - correlation.diagonal().abs().sum()) / (k * (k - 1))).ToDouble();
}
