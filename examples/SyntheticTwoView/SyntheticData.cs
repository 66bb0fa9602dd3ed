using TorchSharp;
using static TorchSharp.torch;

namespace SyntheticTwoView;

/// <summary>
/// Two views of the same samples with a known shared signal: <see cref="SharedFactors"/> latent factors
/// <c>s ~ N(0, I)</c> appear in both views; each view also mixes in <see cref="PrivateFactors"/> factors of its
/// own and noise, through a different random linear map and a tanh. Only <c>s</c> can make the views agree.
/// </summary>
public sealed class SyntheticData
{
    public const int SharedFactors = 4;
    public const int PrivateFactors = 4;
    public const int LeftFeatures = 20;
    public const int RightFeatures = 30;
    private const double NoiseStd = 0.1;

    private SyntheticData(Tensor left, Tensor right, Tensor shared)
    {
        Left = left;
        Right = right;
        Shared = shared;
    }

    public Tensor Left { get; }
    public Tensor Right { get; }
    /// <summary>The shared factors that generated both views (for reporting only; the model never sees them).</summary>
    public Tensor Shared { get; }
    public long Count => Left.shape[0];

    /// <summary>Draws a train set and a test set from the same two mixing maps.</summary>
    public static (SyntheticData Train, SyntheticData Test) Create(int trainCount, int testCount, long seed)
    {
        var generator = new Generator((ulong)seed);
        var leftMap = randn(SharedFactors + PrivateFactors, LeftFeatures, generator: generator) / Math.Sqrt(SharedFactors + PrivateFactors);
        var rightMap = randn(SharedFactors + PrivateFactors, RightFeatures, generator: generator) / Math.Sqrt(SharedFactors + PrivateFactors);
        SyntheticData Draw(int count)
        {
            var shared = randn(count, SharedFactors, generator: generator);
            var left = tanh(cat([shared, randn(count, PrivateFactors, generator: generator)], 1).matmul(leftMap)) + NoiseStd * randn(count, LeftFeatures, generator: generator);
            var right = tanh(cat([shared, randn(count, PrivateFactors, generator: generator)], 1).matmul(rightMap)) + NoiseStd * randn(count, RightFeatures, generator: generator);
            return new SyntheticData(left, right, shared);
        }
        return (Draw(trainCount), Draw(testCount));
    }
}
