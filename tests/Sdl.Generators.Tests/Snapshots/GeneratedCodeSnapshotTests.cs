using Sdl.Generators.Tests.Infrastructure;

namespace Sdl.Generators.Tests.Snapshots;

/// <summary>One approved snapshot per objective, layer kind and view kind; each output compiles with no error and no warning.</summary>
public class GeneratedCodeSnapshotTests
{
    [Fact]
    public void Objective_SoftCca_ThreeViews_MixedMethods() => Snapshot.Verify(GeneratorHarness.Run(TestModels.SoftCcaThreeViews).AssertCompilesCleanly());

    [Fact]
    public void Objective_Dcca() => Snapshot.Verify(GeneratorHarness.Run(TestModels.Dcca).AssertCompilesCleanly());

    [Fact]
    public void Objective_DccaEy() => Snapshot.Verify(GeneratorHarness.Run(TestModels.DccaEy).AssertCompilesCleanly());

    [Fact]
    public void Objective_BarlowTwins() => Snapshot.Verify(GeneratorHarness.Run(TestModels.BarlowTwins).AssertCompilesCleanly());

    [Fact]
    public void Objective_Fae() => Snapshot.Verify(GeneratorHarness.Run(TestModels.Fae).AssertCompilesCleanly());

    [Fact]
    public void Objective_Supervised() => Snapshot.Verify(GeneratorHarness.Run(TestModels.Supervised).AssertCompilesCleanly());

    [Fact]
    public void Layers_AllKinds() => Snapshot.Verify(GeneratorHarness.Run(TestModels.AllLayerKinds).AssertCompilesCleanly());

    [Fact]
    public void View_CustomEncoder() => Snapshot.Verify(GeneratorHarness.Run(TestModels.CustomEncoder).AssertCompilesCleanly());
}
