using Sdl.Dsl;

namespace Sdl.Runtime.Tests.Objectives;

/// <summary>
/// Soft CCA's default λ by embedding width (<see cref="SdlDefaults.SoftCcaLambdaFor"/>) against the rule computed in float64:
/// 0.3 up to k = 50, then 0.3 · (50 / k)^1.5 to two significant digits, on fresh random widths.
/// </summary>
public class SoftCcaLambdaByWidthTests
{
    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(50, 0.3)]
    [InlineData(128, 0.073)]
    [InlineData(256, 0.026)]
    [InlineData(512, 0.0092)]
    [InlineData(1024, 0.0032)]
    public void The_widths_measured_give_the_values_the_documentation_states(long k, double expected) =>
        Assert.Equal(expected, SdlDefaults.SoftCcaLambdaFor(k));

    [Fact]
    public void Random_widths_follow_the_rule_to_two_significant_digits_and_never_grow_with_k()
    {
        var random = new Random(Environment.TickCount);
        var widths = Enumerable.Range(0, 200).Select(_ => (long)random.Next(1, 100_000)).Order().ToArray();
        double previous = double.PositiveInfinity;
        foreach (long k in widths)
        {
            double rule = k <= 50 ? 0.3 : 0.3 * Math.Pow(50.0 / k, 1.5);
            double value = SdlDefaults.SoftCcaLambdaFor(k);
            // Two significant digits: within half a unit of the second digit of the rule.
            double unit = Math.Pow(10, Math.Floor(Math.Log10(rule)) - 1);
            Assert.True(Math.Abs(value - rule) <= unit / 2 * (1 + 1e-9), $"k = {k}: {value} against {rule}");
            Assert.True(value <= previous, $"k = {k}: {value} above the smaller width's {previous}");
            previous = value;
        }
    }
}
