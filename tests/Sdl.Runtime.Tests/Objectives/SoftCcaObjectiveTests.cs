using Sdl.Dsl;
using Sdl.Runtime.Objectives;
using Sdl.Runtime.Tests.Reference;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Tests.Objectives;

public class SoftCcaObjectiveTests
{
    [Fact]
    public void Total_IsDistancePlusLambdaTimesEachViewsSdl()
    {
        var random = new Random(80);
        var values = Enumerable.Range(0, 3).Select(_ => Float64Sdl.CorrelatedBatch(random, 30, 4, 0.4)).ToArray();
        var objective = ObjectiveFixtures.SoftCca([4, 4, 4], lambda: 0.25, alpha: 0.9, views: ["A", "B", "C"]);
        objective.to(float64);

        var breakdown = objective.Call(values.Select(v => tensor(v, float64)).ToArray());

        double distance = Float64Sdl.SoftCcaDistance(values);
        var sdl = values.Select(v => new Float64Sdl(4, 0.9).Step(v)).ToArray();
        var terms = breakdown.ToValues();
        Assert.Equal(["distance", "sdl(A.z)", "sdl(B.z)", "sdl(C.z)"], breakdown.Terms.Select(t => t.Key).ToArray());
        Assert.Equal(distance, terms["distance"], 1e-10);
        for (int v = 0; v < 3; v++) Assert.Equal(0.25 * sdl[v], terms[$"sdl({"ABC"[v]}.z)"], 1e-10);
        Assert.Equal(distance + 0.25 * sdl.Sum(), terms["total"], 1e-10);
    }

    [Fact]
    public void EachTapKeepsItsOwnSdlBuffers_UnderTheGeneratedModelsKeys()
    {
        var objective = ObjectiveFixtures.SoftCca([3, 5]);

        Assert.Equal(
            ["sdl_view0_z.sigma_accu", "sdl_view0_z.count", "sdl_view1_z.sigma_accu", "sdl_view1_z.count"],
            objective.state_dict().Keys.ToArray());
    }

    [Fact]
    public void DeCovAndNone_AreSelectable()
    {
        var random = new Random(81);
        var inputs = Enumerable.Range(0, 2).Select(_ => tensor(Float64Sdl.CorrelatedBatch(random, 16, 3, 0.4), float64)).ToArray();

        var decov = ObjectiveFixtures.SoftCca([3, 3], lambda: 1, method: DecorrelationMethod.DeCov).Call(inputs);
        var none = ObjectiveFixtures.SoftCca([3, 3], method: DecorrelationMethod.None).Call(inputs);

        Assert.Equal(["distance", "decov(view0.z)", "decov(view1.z)"], decov.Terms.Select(t => t.Key).ToArray());
        Assert.Equal(["distance"], none.Terms.Select(t => t.Key).ToArray());
        Assert.Equal(none.Total.item<double>(), decov.Terms[0].Value.item<double>(), 1e-12);
    }
}
