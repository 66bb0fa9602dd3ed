using Sdl.Examples.CommandLine;
using Sdl.Runtime.Data;
using Sdl.Runtime.Training;
using SyntheticTwoView;
using TorchSharp;
using static TorchSharp.torch;

// A walking skeleton of Sdl.Dsl: the model is declared with attributes (TwoViewModel.cs), the generator writes its
// TorchSharp module, and the runtime's Trainer fits it with the Soft CCA + SDL loss the generator wired up.
return ErrorExit.Run(Run, ProgramArguments.Verbose(args));

// Expected failures end as one line and an exit code; --verbose adds the trace.
static int Run()
{
    manual_seed(7);
    var (train, test) = SyntheticData.Create(trainCount: 4096, testCount: 1024, seed: 11);

    Console.WriteLine($"Shared signal: {SyntheticData.SharedFactors} latent factors s ~ N(0, I) appear in both views " +
                      $"({SyntheticData.LeftFeatures} and {SyntheticData.RightFeatures} features, each mixed through its own random map and tanh " +
                      $"with {SyntheticData.PrivateFactors} private factors and noise). Only s can make the views agree, so at most " +
                      $"{SyntheticData.SharedFactors} canonical correlations can be high.");

    using var model = new TwoViewModel();
    Console.WriteLine(model.Summary());
    Console.WriteLine($"Before training: mean correlation of matching embedding dimensions on held-out data {Correlation(model, test):F3}");

    var trainer = new Trainer(new TrainerOptions
    {
        Epochs = 12,
        BatchSize = 256,
        LearningRate = 3e-3,
        Seed = 7,
        Device = "cpu",
        ValidationTopK = SyntheticData.SharedFactors,
        Progress = ProgressMode.Silent,
        RunName = "Soft CCA + SDL",
    });
    var result = trainer.Fit(model, ToDataset(train, "synthetic train"), ToDataset(test, "synthetic held-out"));

    Console.WriteLine("epoch  train loss (total, distance, SDL terms)                 held-out total canonical correlation (top 4, max 4)");
    foreach (var epoch in result.History)
    {
        var terms = string.Join("  ", epoch.TrainLoss.Select(t => $"{t.Key} {t.Value:F4}"));
        Console.WriteLine($"{epoch.Epoch,5}  {terms}  {epoch.ValidationScore:F3}");
    }
    Console.WriteLine($"After training (best epoch {result.BestEpoch} restored): mean correlation of matching embedding dimensions on held-out data {Correlation(model, test):F3}");
    return 0;
}

static MultiViewDataset ToDataset(SyntheticData data, string description) => new(
    [
        new ViewData("Left", data.Left.data<float>().ToArray(), SyntheticData.LeftFeatures),
        new ViewData("Right", data.Right.data<float>().ToArray(), SyntheticData.RightFeatures),
    ],
    labels: null,
    description);

// Soft CCA aligns the embeddings dimension by dimension, so matching dimensions of the two views should correlate.
static double Correlation(TwoViewModel model, SyntheticData data)
{
    using var scope = NewDisposeScope();
    using var noGrad = no_grad();
    model.eval();
    var output = model.forward([data.Left, data.Right]);
    var left = output.Embeddings[0] - output.Embeddings[0].mean([0]);
    var right = output.Embeddings[1] - output.Embeddings[1].mean([0]);
    // sum([0]) and not sum(0): a literal 0 would bind to the ScalarType overload and sum everything.
    var correlation = (left * right).sum([0]) / ((left.square().sum([0]) * right.square().sum([0])).sqrt() + 1e-12);
    return correlation.mean().ToDouble();
}
