using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

public class FaeObjectiveTests
{
    [Fact]
    public void Total_IsReconstructionPlusBetaAgreementOfSharedBlocksPlusLambdaSdlOfWholeLatents()
    {
        const int m = 20, shared = 3, inputWidth = 7;
        int[] privateSizes = [2, 4];
        var random = new Random(90);
        var latents = privateSizes.Select(p => Float64Sdl.CorrelatedBatch(random, m, shared + p, 0.3)).ToArray();
        var inputs = privateSizes.Select(_ => Float64Sdl.GaussianMatrix(random, m, inputWidth)).ToArray();
        var reconstructions = privateSizes.Select(_ => Float64Sdl.GaussianMatrix(random, m, inputWidth)).ToArray();
        var objective = ObjectiveFixtures.Fae(shared, privateSizes.Select(p => (long)p).ToArray(), beta: 0.5, lambda: 0.1, alpha: 0.9, views: ["Left", "Right"]);
        objective.to(float64);

        var output = ObjectiveFixtures.FaeOutput(objective.Model, shared, latents.Select(h => tensor(h, float64)).ToArray(), reconstructions.Select(r => tensor(r, float64)).ToArray());
        var terms = objective.call(output, inputs.Select(x => tensor(x, float64)).ToArray(), null).ToValues();

        double[] reconstruction = [.. Enumerable.Range(0, 2).Select(v => SquaredError(inputs[v], reconstructions[v]) / m)];
        double agreement = Float64Sdl.SoftCcaDistance(latents.Select(h => Columns(h, shared)).ToArray());
        double[] sdl = [.. Enumerable.Range(0, 2).Select(v => new Float64Sdl(shared + privateSizes[v], 0.9).Step(latents[v]))];
        Assert.Equal(reconstruction[0], terms["reconstruction(Left)"], 1e-10);
        Assert.Equal(reconstruction[1], terms["reconstruction(Right)"], 1e-10);
        Assert.Equal(0.5 * agreement, terms["agreement"], 1e-10);
        Assert.Equal(0.1 * sdl[0], terms["sdl(Left.z)"], 1e-10);
        Assert.Equal(0.1 * sdl[1], terms["sdl(Right.z)"], 1e-10);
        Assert.Equal(reconstruction.Sum() + 0.5 * agreement + 0.1 * sdl.Sum(), terms["total"], 1e-10);
    }

    [Fact]
    public void AnOutputWithoutReconstructions_IsRefusedNamingTheModel()
    {
        var objective = ObjectiveFixtures.Fae(2, [1, 1], beta: 1, lambda: 0.1, views: ["Left", "Right"]);
        var ok = randn(8, 3);
        var error = Assert.Throws<ArgumentException>(() => objective.call(ObjectiveFixtures.Output(objective.Model, [ok, ok]), [ok, ok], null));
        Assert.Contains("fixture", error.Message);
    }

    private static double SquaredError(double[,] a, double[,] b)
    {
        double total = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) total += Math.Pow(a[i, j] - b[i, j], 2);
        return total;
    }

    private static double[,] Columns(double[,] matrix, int count)
    {
        var result = new double[matrix.GetLength(0), count];
        for (int i = 0; i < matrix.GetLength(0); i++)
            for (int j = 0; j < count; j++) result[i, j] = matrix[i, j];
        return result;
    }
}
