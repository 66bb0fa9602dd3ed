using Sdl.Runtime.Metrics;
using Sdl.Runtime.Tests.Reference;
using TorchSharp;

namespace Sdl.Runtime.Tests.Metrics;

public class LinearCcaTests
{
    private static readonly double[] KnownCorrelations = [0.9, 0.7, 0.4];

    [Fact]
    public void HeldOutCorrelations_MatchTheClosedForm()
    {
        var random = new Random(20261127);
        var mixing1 = new SyntheticViews.Mixing(random, 5);
        var mixing2 = new SyntheticViews.Mixing(random, 4);
        var (train1, train2) = SyntheticViews.Generate(random, 20_000, KnownCorrelations, 2, 1, mixing1, mixing2);
        var (test1, test2) = SyntheticViews.Generate(random, 20_000, KnownCorrelations, 2, 1, mixing1, mixing2);

        var cca = LinearCca.Fit(train1, train2, components: 4, ridge: 1e-6);
        var correlations = cca.Correlations(test1, test2);

        // Sampling error of a correlation is about (1−ρ²)/√n ≤ 0.007 here; 0.02 is ~3σ for the weakest pair.
        for (int i = 0; i < KnownCorrelations.Length; i++)
            Assert.InRange(correlations[i], KnownCorrelations[i] - 0.02, KnownCorrelations[i] + 0.02);
        // The fourth pair has no shared signal: its population correlation is 0.
        Assert.InRange(correlations[3], -0.03, 0.03);
        Assert.Equal(KnownCorrelations.Sum(), cca.TotalCorrelation(test1, test2, 3), 0.04);
    }

    [Fact]
    public void WithoutRidge_TrainingSetPearsonCorrelations_EqualTheSingularValues()
    {
        var random = new Random(77);
        var (view1, view2) = SyntheticViews.Generate(random, 300, KnownCorrelations, 3, 2,
            new SyntheticViews.Mixing(random, 6), new SyntheticViews.Mixing(random, 5));

        var cca = LinearCca.Fit(view1, view2, components: 5, ridge: 0);
        var correlations = cca.Correlations(view1, view2);

        Assert.Equal(5, cca.Components);
        for (int i = 0; i < 5; i++) Assert.Equal(cca.TrainingCorrelations[i], correlations[i], 1e-9);
        for (int i = 1; i < 5; i++) Assert.True(cca.TrainingCorrelations[i - 1] >= cca.TrainingCorrelations[i], "components must be ordered largest first");
    }

    [Fact]
    public void Projections_AreWhitenedCanonicalCoordinates_OnTheTrainingData()
    {
        var random = new Random(78);
        var (view1, view2) = SyntheticViews.Generate(random, 400, KnownCorrelations, 2, 1,
            new SyntheticViews.Mixing(random, 5), new SyntheticViews.Mixing(random, 4));
        var cca = LinearCca.Fit(view1, view2, components: 3, ridge: 0);

        var first = cca.ProjectFirst(torch.tensor(view1, torch.float64));
        var second = cca.ProjectSecond(torch.tensor(view2, torch.float64));

        // Σ11^{-1/2}U whitens with the (m−1) covariance: unit variance, uncorrelated coordinates,
        // and cross-covariance diag(ρ̂) between the views.
        long m = first.shape[0];
        var c1 = first - first.mean([0], keepdim: true);
        var c2 = second - second.mean([0], keepdim: true);
        var auto1 = c1.t().matmul(c1) / (m - 1);
        var cross = c1.t().matmul(c2) / (m - 1);
        Assert.True(auto1.allclose(torch.eye(3, dtype: torch.float64), atol: 1e-9), "view-1 coordinates should be white");
        Assert.True(cross.allclose(torch.diag(torch.tensor(cca.TrainingCorrelations.ToArray(), torch.float64)), atol: 1e-9), "cross-covariance should be diag(ρ)");
    }

    [Fact]
    public void Ridge_ShrinksTheTrainingCorrelations()
    {
        var random = new Random(5);
        var (view1, view2) = SyntheticViews.Generate(random, 200, KnownCorrelations, 1, 1,
            new SyntheticViews.Mixing(random, 4), new SyntheticViews.Mixing(random, 4));

        var plain = LinearCca.Fit(view1, view2, 3, ridge: 0);
        var shrunk = LinearCca.Fit(view1, view2, 3, ridge: 0.5);

        for (int i = 0; i < 3; i++) Assert.True(shrunk.TrainingCorrelations[i] < plain.TrainingCorrelations[i] - 1e-3);
    }

    [Fact]
    public void ComponentsAreCappedAtTheNarrowerView_AndBadInputIsReported()
    {
        var random = new Random(9);
        var (view1, view2) = SyntheticViews.Generate(random, 50, [0.8], 3, 0,
            new SyntheticViews.Mixing(random, 4), new SyntheticViews.Mixing(random, 1));

        var cca = LinearCca.Fit(view1, view2, components: 10);

        Assert.Equal(1, cca.Components);
        Assert.Throws<ArgumentOutOfRangeException>(() => cca.TotalCorrelation(view1, view2, 2));
        Assert.Throws<ArgumentException>(() => cca.Correlations(view2, view2));
        Assert.Throws<ArgumentException>(() => LinearCca.Fit(view1, new double[49, 1], 1));
    }
}
