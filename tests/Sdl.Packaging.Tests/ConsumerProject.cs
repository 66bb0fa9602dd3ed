namespace Sdl.Packaging.Tests;

/// <summary>The throwaway projects a user would write: each references only some of our packages, from the packed folder plus the normal feed.</summary>
public static class ConsumerProject
{
    /// <summary>Writes Consumer.csproj (referencing <paramref name="packageIds"/> at the packed version), its nuget.config and Program.cs.</summary>
    public static void Write(string directory, PackedPackages packages, IEnumerable<string> packageIds, string program)
    {
        packages.WriteNuGetConfig(directory);
        var references = string.Join("\n", packageIds.Select(id => $"    <PackageReference Include=\"{id}\" Version=\"{packages.Version}\" />"));
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- Every public generated member must carry XML documentation (CS1591 would fail this build). -->
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
    }

    /// <summary>
    /// A consumer's restored dependency closure (obj/project.assets.json), direct and transitive: each package id with its
    /// version and the ids of the packages it depends on.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Version, IReadOnlyList<string> Dependencies)> RestoredPackages(string directory)
    {
        using var assets = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "obj", "project.assets.json")));
        var target = assets.RootElement.GetProperty("targets").EnumerateObject().Single(t => t.Name == "net10.0");
        var closure = new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in target.Value.EnumerateObject().Where(l => l.Value.GetProperty("type").GetString() == "package"))
        {
            var dependencies = library.Value.TryGetProperty("dependencies", out var list) ? list.EnumerateObject().Select(d => d.Name).ToList() : [];
            var slash = library.Name.IndexOf('/');
            closure[library.Name[..slash]] = (library.Name[(slash + 1)..], dependencies);
        }
        return closure;
    }

    /// <summary>The packages of <paramref name="closure"/> that depend on <paramref name="id"/> directly.</summary>
    public static IReadOnlyList<string> Dependents(IReadOnlyDictionary<string, (string Version, IReadOnlyList<string> Dependencies)> closure, string id) =>
        closure.Where(p => p.Value.Dependencies.Contains(id, StringComparer.OrdinalIgnoreCase)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>Declares a model, trains it briefly by hand and with the Trainer (plain progress), using Sdl.Dsl and Sdl.Runtime only.</summary>
    public const string CoreProgram = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using TorchSharp;
        using static TorchSharp.torch;

        manual_seed(1);
        using var model = new Pair();
        var optimizer = optim.Adam(model.parameters(), lr: 1e-2);
        var shared = randn(256, 3);
        var inputs = new[] { cat([shared, randn(256, 5)], 1), cat([randn(256, 2), shared], 1) };
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = model.ComputeLoss(model.forward(inputs), inputs);
            loss.Total.backward();
            optimizer.step();
            if (step == 0) first = loss.Total.ToDouble();
            last = loss.Total.ToDouble();
        }
        Console.WriteLine($"keys: {string.Join(",", model.state_dict().Keys)}");
        // Hyperparameters at construction: another width, λ and α without another declaration.
        using var wide = new Pair(new ModelOptions { EmbeddingSize = 6, Lambda = 0.02, Alpha = 0.9 });
        Console.WriteLine($"wide: {wide.forward(inputs).Embeddings[0].shape[1]}, lambda {wide.Info.Hyperparameters!.Lambda}");
        Console.WriteLine($"loss {first:F4} -> {last:F4}");
        // The trainer with Sdl.Runtime's own displays: plain lines work; live bars need Sdl.Reports, and say so.
        var data = new Sdl.Runtime.Data.MultiViewDataset(
            [new Sdl.Runtime.Data.ViewData("Left", inputs[0].data<float>().ToArray(), 8), new Sdl.Runtime.Data.ViewData("Right", inputs[1].data<float>().ToArray(), 5)],
            null, "consumer views");
        using var trained = new Pair();
        var result = new Sdl.Runtime.Training.Trainer(new Sdl.Runtime.Training.TrainerOptions
            { Epochs = 2, BatchSize = 64, Seed = 1, RunName = "consumer", Progress = Sdl.Runtime.Training.ProgressMode.Plain }).Fit(trained, data);
        Console.WriteLine($"trainer epochs: {result.History.Count}");
        try { Sdl.Runtime.Training.Progress.TrainingProgress.Create(Sdl.Runtime.Training.ProgressMode.Live); }
        catch (InvalidOperationException error) { Console.WriteLine($"live refused: {error.Message}"); }
        return last < first ? 0 : 1;

        /// <summary>Two views of a shared signal.</summary>
        [MultiViewModel]
        [SoftCca(Lambda = 0.01)]
        public partial class Pair
        {
            /// <summary>The first view.</summary>
            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.ReLU)]
            [Dense("embed", 3)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }

            /// <summary>The second view.</summary>
            [View(InputDim = 5)]
            [Dense("embed", 3)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Right { get; }
        }
        """;

    /// <summary>
    /// Uses Sdl.Reports as a report-writing program would: linear CCA through TorchSharp (so Sdl.Runtime's libstdc++
    /// step must reach a project that references Sdl.Reports alone), the console table, a PNG plot, and the live bars
    /// behind ProgressMode.Live.
    /// </summary>
    public const string ReportsProgram = """
        using Sdl.Reports;
        using Sdl.Runtime.Metrics;
        using Sdl.Runtime.Training;
        using Sdl.Runtime.Training.Progress;
        using static TorchSharp.torch;

        manual_seed(2);
        var shared = randn(400, 3, dtype: float64);
        var left = cat([shared, randn(400, 2, dtype: float64)], 1);
        var right = cat([shared + 0.5 * randn(400, 3, dtype: float64), randn(400, 1, dtype: float64)], 1);
        var (correlations, total, topK) = CorrelationEvaluation.Evaluate(left.narrow(0, 0, 300), right.narrow(0, 0, 300), left.narrow(0, 300, 100), right.narrow(0, 300, 100), topK: 3);
        var report = new EvaluationReport
        {
            Title = "Consumer report", Dataset = "consumer views", TrainSamples = 300, ValidationSamples = 0, TestSamples = 100, Device = "cpu", TotalSeconds = 1,
            Methods =
            [
                new MethodResult { Method = "Linear CCA", TopK = topK, TestTotalCorrelation = total, TestCorrelations = correlations },
                new MethodResult { Method = "Soft CCA", TopK = 3, TestTotalCorrelation = 2.4, TestCorrelations = [0.95, 0.8, 0.65] },
            ],
        };
        ReportConsole.Print(report);
        ReportPlots.CorrelationSpectrum(report, "spectrum.png");
        ReportFiles.WriteMarkdown(report, "report.md");
        Console.WriteLine($"linear cca top 3: {total:F3}");
        LiveProgress.Enable();
        Console.WriteLine($"live display: {TrainingProgress.Create(ProgressMode.Live).GetType().Name}");
        """;
}
