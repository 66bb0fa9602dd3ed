using Sdl.Runtime.Metrics;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Metrics;

/// <summary>The headline number: linear CCA fitted on train, test correlations summed.</summary>
public class CorrelationEvaluationTests
{
    [Fact]
    public void CorrelationEvaluation_FindsPerfectAndAbsentCorrelation()
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(11);
        var shared = randn([600, 3], generator: generator, dtype: float64);
        var mix = randn([3, 3], generator: generator, dtype: float64);
        // View 2 is an invertible linear map of view 1: every canonical correlation is 1.
        var (perfect, perfectTotal, k) = CorrelationEvaluation.Evaluate(shared[..400], shared[..400].matmul(mix), shared[400..], shared[400..].matmul(mix), topK: 3);
        Assert.Equal(3, k);
        Assert.All(perfect, c => Assert.InRange(c, 0.999, 1.0 + 1e-9));
        Assert.InRange(perfectTotal, 2.997, 3.0 + 1e-9);
        // Independent views: test correlations near 0 (sampling noise ~ 1/sqrt(200)).
        var other = randn([600, 3], generator: generator, dtype: float64);
        var (_, independentTotal, _) = CorrelationEvaluation.Evaluate(shared[..400], other[..400], shared[400..], other[400..], topK: 3);
        Assert.InRange(Math.Abs(independentTotal), 0, 0.5);
    }
}
