using Sdl.Export.Onnx;
using Sdl.Runtime.Models;
using Xunit.Abstractions;

namespace Sdl.Export.Tests;

public class OnnxExportTests(ITestOutputHelper output)
{
    const double Tolerance = 1e-5;

    /// <summary>Every declared model in this assembly: the layer-kind models and every example model (compiled from the examples' sources).</summary>
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var type in ModelTypes()) data.Add(type.FullName!);
        return data;
    }

    internal static IEnumerable<Type> ModelTypes() => typeof(OnnxExportTests).Assembly.GetTypes()
        .Where(t => typeof(MultiViewModule).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Where(t => t.Namespace != typeof(Unexportable.FeatureScale).Namespace) // the error cases
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void TheModelList_HoldsTheLayerKindModelsAndEveryExampleProgramsModels()
    {
        var names = ModelTypes().Select(t => t.FullName!).ToList();
        Assert.Contains("Sdl.Export.Tests.ConvKinds", names);
        Assert.Contains("Sdl.Export.Tests.DenseActivations", names);
        foreach (var example in new[] { "MnistSoftCca", "Experiments", "FaeSharedPrivate", "SupervisedDecorrelation", "CustomCnnEncoder", "OwnData" })
            Assert.Contains(names, n => n.StartsWith($"Sdl.Examples.{example}.", StringComparison.Ordinal));
        Assert.Contains("SyntheticTwoView.TwoViewModel", names);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxRuntime_ReproducesTheEmbeddings_OfEveryView_AtAnyBatchSize(string modelType)
    {
        var type = typeof(OnnxExportTests).Assembly.GetType(modelType)!;
        using var model = (MultiViewModule)Activator.CreateInstance(type)!;
        OnnxParity.Randomise(model, seed: 3);
        var directory = Path.Combine(Path.GetTempPath(), "sdl-onnx-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = OnnxExport.ExportEncoders(model, directory);
            Assert.Equal(model.Info.Views.Count, paths.Count);
            for (int v = 0; v < paths.Count; v++)
                foreach (var batch in new[] { 1, 13 })
                {
                    var (difference, magnitude) = OnnxParity.MaxDifference(model, v, paths[v], batch, seed: 10 + batch);
                    output.WriteLine($"{type.Name}.{model.Info.Views[v].Name} batch {batch}: max |ORT − TorchSharp| = {difference:E2} (max |embedding| {magnitude:F2})");
                    Assert.True(difference <= Tolerance, $"{type.Name}.{model.Info.Views[v].Name}, batch {batch}: ONNX Runtime differs from TorchSharp by {difference:E2} > {Tolerance:E0}");
                }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
