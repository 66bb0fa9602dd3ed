using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Generators.Benchmarks;

/// <summary>The DESIGN's MNIST-halves model, generated; <see cref="HandWrittenHalves"/> is the same model written by hand.</summary>
[MultiViewModel]
[SoftCca(Lambda = 1e-3)]
public partial class BenchmarkHalves
{
    [View(InputDim = 392)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Left { get; }

    [View(InputDim = 392)]
    [Dense("fc1", 1024, Activation.ReLU)]
    [Dense("fc2", 1024, Activation.ReLU)]
    [Dense("embed", 50)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Right { get; }
}
