using Sdl.Runtime.Data;
using Sdl.Runtime.Metrics;
using Sdl.Runtime.Training;
using TorchSharp;

namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// The README's "Evaluate a trained model" snippet, run as written on a trained model: it must compile
/// here (same lines, same names), print the test total correlation, and the README must still show these lines.
/// </summary>
[Collection(TrainingCollection.Name)]
public class ReadmeEvaluateSnippetTests
{
    /// <summary>The snippet's lines as the README shows them; the code below is the same text.</summary>
    static readonly string[] SnippetLines =
    [
        "using var scope = torch.NewDisposeScope();   // frees the embeddings",
        "var train = ModelEmbeddings.Compute(model, split.Train, batchSize: 256, torch.CPU);",
        "var test = ModelEmbeddings.Compute(model, split.Test, batchSize: 256, torch.CPU);",
        "var (correlations, total, k) = CorrelationEvaluation.Evaluate(train[0], train[1], test[0], test[1], topK: 50);",
        "Console.WriteLine($\"test total correlation (top {k}): {total:F2}\");",
    ];

    static string Readme()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sdl.Dsl.sln"))) directory = directory.Parent;
        return File.ReadAllText(Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "README.md"));
    }

    [Fact]
    public void TheReadmeShowsTheseLines_InOneBlock()
    {
        var readme = Readme().Replace("\r\n", "\n");
        Assert.Contains("### Evaluate a trained model", readme);
        Assert.Contains(string.Join("\n", SnippetLines), readme);
    }

    [Fact]
    public void TheSnippet_PrintsTheTestTotalCorrelation_OfATrainedModel()
    {
        var split = DatasetSplit.Random(TrainingFixtures.CorrelatedViews(400, seed: 61), validationFraction: 0.1, testFraction: 0.3, seed: 62);
        using var model = TrainingFixtures.NewModel(63);
        double untrained = Score(model, split);
        new Trainer(TrainingFixtures.Options(null, epochs: 8)).Fit(model, split.Train, split.Validation);

        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        double[] printedCorrelations;
        double printedTotal;
        try
        {
            // The README snippet, verbatim:
            using var scope = torch.NewDisposeScope();   // frees the embeddings
            var train = ModelEmbeddings.Compute(model, split.Train, batchSize: 256, torch.CPU);
            var test = ModelEmbeddings.Compute(model, split.Test, batchSize: 256, torch.CPU);
            var (correlations, total, k) = CorrelationEvaluation.Evaluate(train[0], train[1], test[0], test[1], topK: 50);
            Console.WriteLine($"test total correlation (top {k}): {total:F2}");

            (printedCorrelations, printedTotal) = (correlations, total);
            Assert.Equal(4, k); // the model's embedding width caps k
            Assert.Equal(correlations.Take(k).Sum(), total, 12);
        }
        finally { Console.SetOut(console); }

        Assert.Equal($"test total correlation (top 4): {printedTotal.ToString("F2", System.Globalization.CultureInfo.CurrentCulture)}", output.ToString().TrimEnd());
        Assert.All(printedCorrelations, c => Assert.InRange(c, -1.0, 1.0));
        // The three shared latent factors: training must raise the score well above the untrained encoders'.
        Assert.True(printedTotal > untrained + 0.2, $"trained {printedTotal:F3}, untrained {untrained:F3}");
    }

    static double Score(TinyTwoViewModel model, DatasetSplit split)
    {
        using var scope = torch.NewDisposeScope();
        var train = ModelEmbeddings.Compute(model, split.Train, batchSize: 256, torch.CPU);
        var test = ModelEmbeddings.Compute(model, split.Test, batchSize: 256, torch.CPU);
        return CorrelationEvaluation.Evaluate(train[0], train[1], test[0], test[1], topK: 50).Total;
    }
}
