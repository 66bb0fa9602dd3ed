using Sdl.Dsl;

namespace Sdl.Examples.CustomCnnEncoder;

/// <summary>
/// Soft CCA on the two halves of a digit, each encoded by the hand-written <see cref="HalfDigitCnn"/>.
/// <c>[Decorrelate(Layer = "fc2")]</c> names a field of that class: the generator resolves it at compile
/// time (a misspelt name is error SDL0001) and captures its output with a forward hook.
/// </summary>
[MultiViewModel]
[SoftCca(Lambda = 0.1)]
public partial class CnnHalves
{
    [View(InputShape = new[] { 1, 28, 14 })]
    [Decorrelate(Layer = "fc2")]
    public partial HalfDigitCnn Left { get; }

    [View(InputShape = new[] { 1, 28, 14 })]
    [Decorrelate(Layer = "fc2")]
    public partial HalfDigitCnn Right { get; }
}
