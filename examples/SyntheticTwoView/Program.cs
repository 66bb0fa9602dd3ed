using SyntheticTwoView;
using TorchSharp;
using static TorchSharp.torch;

// A walking skeleton of Sdl.Dsl: the model is declared with attributes (TwoViewModel.cs), the generator
// writes its TorchSharp module, and a plain Adam loop trains it with the Soft CCA + SDL loss.
const int Steps = 300, BatchSize = 256, ReportEvery = 50;
manual_seed(7);
var (train, test) = SyntheticData.Create(trainCount: 4096, testCount: 1024, seed: 11);

Console.WriteLine($"Shared signal: {SyntheticData.SharedFactors} latent factors s ~ N(0, I) appear in both views " +
                  $"({SyntheticData.LeftFeatures} and {SyntheticData.RightFeatures} features, each mixed through its own random map and tanh " +
                  $"with {SyntheticData.PrivateFactors} private factors and noise). Only s can make the views agree.");

using var model = new TwoViewModel();
Console.WriteLine(model.Summary());
var optimizer = optim.Adam(model.parameters(), lr: 3e-3);

Console.WriteLine("Correlation = mean Pearson correlation between matching embedding dimensions of the two views, on held-out data.");
Console.WriteLine($"step {0,4}  correlation {Correlation(model, test):F3}");
for (int step = 1; step <= Steps; step++)
{
    using var scope = NewDisposeScope();
    model.train();
    var batch = randint(0, train.Count, [BatchSize]);
    var inputs = new[] { train.Left.index_select(0, batch), train.Right.index_select(0, batch) };
    optimizer.zero_grad();
    var loss = model.ComputeLoss(model.forward(inputs), inputs);
    loss.Total.backward();
    optimizer.step();
    if (step == 1 || step % ReportEvery == 0)
    {
        var terms = string.Join("  ", loss.ToValues().Select(t => $"{t.Key} {t.Value:F4}"));
        Console.WriteLine($"step {step,4}  {terms}  correlation {Correlation(model, test):F3}");
    }
}

// Correlation of each embedding dimension with the same dimension of the other view: Soft CCA aligns them.
static double Correlation(TwoViewModel model, SyntheticData data)
{
    using var scope = NewDisposeScope();
    using var noGrad = no_grad();
    model.eval();
    var output = model.forward([data.Left, data.Right]);
    var left = output.Embeddings[0];
    var right = output.Embeddings[1];
    var leftCentred = left - left.mean([0]);
    var rightCentred = right - right.mean([0]);
    var correlation = (leftCentred * rightCentred).sum(0) / (leftCentred.norm(0) * rightCentred.norm(0) + 1e-12);
    return correlation.mean().ToDouble();
}
