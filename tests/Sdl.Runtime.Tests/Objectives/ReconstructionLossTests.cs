using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Reference;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

public class ReconstructionLossTests
{
    [Fact]
    public void IsTheSquaredErrorSummedOverFeatures_AveragedOverTheBatch()
    {
        var random = new Random(70);
        var input = Float64Sdl.GaussianMatrix(random, 12, 9);
        var reconstruction = Float64Sdl.GaussianMatrix(random, 12, 9);
        double expected = 0;
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 9; j++) expected += Math.Pow(input[i, j] - reconstruction[i, j], 2);
        expected /= 12;

        // The input may keep its image shape; the reconstruction is flat.
        var images = tensor(input, float64).reshape(12, 1, 3, 3);
        Assert.Equal(expected, new ReconstructionLoss().forward(tensor(reconstruction, float64), images).item<double>(), 1e-10);
    }
}
