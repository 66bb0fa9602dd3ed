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
}
