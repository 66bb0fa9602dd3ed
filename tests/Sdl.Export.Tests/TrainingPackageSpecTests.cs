using System.Text.Json;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;

namespace Sdl.Export.Tests;

/// <summary>
/// A new objective ([ObjectiveRuntime], no ObjectiveKind member of its own) reaches the training package by its name:
/// <c>kind</c> is <see cref="ModelInfo.ObjectiveName"/> in snake case, with its settings in force.
/// </summary>
public class TrainingPackageSpecTests
{
    [Fact]
    public void ANewObjective_IsDescribedByItsName_AndItsSettingsInForce()
    {
        using var model = new PackageBarlowTwins(new ModelOptions { Objective = new BarlowTwinsOptions { OffDiagonalWeight = 0.25 } });
        Assert.Equal(ObjectiveKind.Custom, model.Info.Objective);
        Assert.Equal("BarlowTwins", model.Info.ObjectiveName);
        var directory = Path.Combine(Path.GetTempPath(), "sdl-pkg-spec-" + Guid.NewGuid().ToString("N"));
        try
        {
            PyTorchProject.Write(model, directory);
            using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "model_spec.json")));
            var objective = spec.RootElement.GetProperty("objective");
            Assert.Equal("barlow_twins", objective.GetProperty("kind").GetString());
            Assert.Equal(0.25, objective.GetProperty("off_diagonal_weight").GetDouble());
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
