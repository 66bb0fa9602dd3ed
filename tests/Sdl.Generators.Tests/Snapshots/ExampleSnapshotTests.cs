using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Snapshots;

/// <summary>Each example program's model is a snapshot case: its generated code is approved and compiles cleanly.</summary>
public class ExampleSnapshotTests
{
    [Fact]
    public void SyntheticTwoView_TwoViewModel()
    {
        var result = GeneratorHarness.Run(
            RepositoryFiles.Read("examples/SyntheticTwoView/TwoViewModel.cs"),
            RepositoryFiles.Read("examples/SyntheticTwoView/SyntheticData.cs"));

        result.AssertCompilesCleanly();
        Snapshot.Verify(result);
    }

    [Fact]
    public void MnistSoftCca_Models() => VerifyFiles(Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "examples/MnistSoftCca/Models"), "*.cs").Order());

    [Fact]
    public void FaeSharedPrivate_Models() => VerifyFiles([Path.Combine(RepositoryFiles.Root, "examples/FaeSharedPrivate/NoisyDigitsFae.cs")]);

    [Fact]
    public void SupervisedDecorrelation_Models() => VerifyFiles([Path.Combine(RepositoryFiles.Root, "examples/SupervisedDecorrelation/DigitClassifiers.cs")]);

    [Fact]
    public void OwnData_Models() => VerifyFiles(
    [
        Path.Combine(RepositoryFiles.Root, "examples/OwnData/FeaturePairModel.cs"),
        Path.Combine(RepositoryFiles.Root, "examples/OwnData/KnownCorrelationViews.cs"),
    ]);

    [Fact]
    public void CustomCnnEncoder_Models() => VerifyFiles(
    [
        Path.Combine(RepositoryFiles.Root, "examples/CustomCnnEncoder/CnnHalves.cs"),
        Path.Combine(RepositoryFiles.Root, "examples/CustomCnnEncoder/HalfDigitCnn.cs"),
    ]);

    [Fact]
    public void Experiments_Models() => VerifyFiles(Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "examples/Experiments/Models"), "*.cs")
        .Where(path => !path.EndsWith("HalvesObjective.cs", StringComparison.Ordinal)) // settings only, nothing to generate
        .Order());

    private static void VerifyFiles(IEnumerable<string> paths)
    {
        var result = GeneratorHarness.Run(paths.Select(File.ReadAllText).ToArray());
        result.AssertCompilesCleanly();
        Snapshot.Verify(result);
    }
}
