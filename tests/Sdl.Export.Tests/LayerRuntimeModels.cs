using Sdl.Dsl;
using Sdl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Export.Tests
{
    // A layer kind of this assembly's own (docs/extending.md): its module is a chain of modules the exporters know, each
    // called with .call, so ONNX and PyTorch export it without knowing the kind (OnnxExportTests runs it with the others).

    /// <summary>A projection to <see cref="Units"/> features, layer-normalised.</summary>
    [LayerRuntime("Sdl.Export.Tests.ProjectionLayer", OutputWidth = nameof(Units))]
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
    public sealed class ProjectionAttribute(string name, int units) : LayerAttribute(name)
    {
        public int Units { get; } = units;
    }

    public sealed class ProjectionLayer : nn.Module<Tensor, Tensor>
    {
        private readonly Linear linear;
        private readonly LayerNorm norm;

        public ProjectionLayer(long inputWidth, long units) : base(nameof(ProjectionLayer))
        {
            linear = nn.Linear(inputWidth, units);
            norm = nn.LayerNorm(units);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => norm.call(linear.call(x));
    }

    [MultiViewModel]
    [SoftCca]
    public partial class ProjectionKinds
    {
        [View(InputDim = 10)]
        [Projection("proj", 8)]
        [Dense("embed", 4)]
        [Decorrelate(Layer = "proj")]
        public partial ViewEncoder Left { get; }

        [View(InputDim = 7)]
        [Dense("fc", 8, Activation.ReLU)]
        [Projection("embed", 4)]
        public partial ViewEncoder Right { get; }
    }
}

namespace Sdl.Export.Tests.Unexportable
{
    // A layer kind whose module computes with its own parameter: the exporters cannot know it and say so.

    /// <summary>A learnable per-feature gain that keeps the width.</summary>
    [LayerRuntime("Sdl.Export.Tests.Unexportable.GainLayer")]
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
    public sealed class GainAttribute(string name) : LayerAttribute(name);

    public sealed class GainLayer : nn.Module<Tensor, Tensor>
    {
        private readonly Parameter gain;

        public GainLayer(long inputWidth) : base(nameof(GainLayer))
        {
            gain = nn.Parameter(ones(inputWidth));
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => x * gain;
    }

    /// <summary>A gated unit, value(x) · σ(gate(x)): known submodules, combined otherwise than in a chain.</summary>
    [LayerRuntime("Sdl.Export.Tests.Unexportable.GatedLayer", OutputWidth = nameof(Units))]
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
    public sealed class GatedAttribute(string name, int units) : LayerAttribute(name)
    {
        public int Units { get; } = units;
    }

    public sealed class GatedLayer : nn.Module<Tensor, Tensor>
    {
        private readonly Linear value, gate;

        public GatedLayer(long inputWidth, long units) : base(nameof(GatedLayer))
        {
            value = nn.Linear(inputWidth, units);
            gate = nn.Linear(inputWidth, units);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => value.call(x) * gate.call(x).sigmoid();
    }

    [MultiViewModel]
    [SoftCca]
    public partial class WithGatedLayer
    {
        [View(InputDim = 6)]
        [Gated("embed", 4)]
        public partial ViewEncoder Left { get; }

        [View(InputDim = 5)]
        [Dense("embed", 4)]
        public partial ViewEncoder Right { get; }
    }

    [MultiViewModel]
    [SoftCca]
    public partial class WithGainLayer
    {
        [View(InputDim = 6)]
        [Dense("embed", 4)]
        [Gain("gain")]
        public partial ViewEncoder Left { get; }

        [View(InputDim = 5)]
        [Dense("embed", 4)]
        public partial ViewEncoder Right { get; }
    }
}
