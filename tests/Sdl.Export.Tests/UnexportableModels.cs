using Sdl.Dsl;
using Sdl.Runtime.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Export.Tests.Unexportable;

/// <summary>A learnable per-feature scale: a leaf module with its own arithmetic, unknown to the exporter.</summary>
public sealed class FeatureScale : nn.Module<Tensor, Tensor>
{
    private readonly Parameter gain;

    public FeatureScale(long features) : base(nameof(FeatureScale))
    {
        gain = nn.Parameter(ones(features));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => input * gain;
}

public sealed class ScaledMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly FeatureScale scale;
    private readonly Linear fc2;

    public ScaledMlp() : base(nameof(ScaledMlp))
    {
        fc1 = nn.Linear(6, 8);
        scale = new FeatureScale(8);
        fc2 = nn.Linear(8, 4);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => fc2.call(scale.call(fc1.call(input)));
}

/// <summary>A residual block: the sum of a layer's input and output is not a chain of modules.</summary>
public sealed class ResidualMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Linear fc3;

    public ResidualMlp() : base(nameof(ResidualMlp))
    {
        fc1 = nn.Linear(6, 8);
        fc2 = nn.Linear(8, 8);
        fc3 = nn.Linear(8, 4);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var hidden = fc1.call(input);
        return fc3.call(hidden + fc2.call(hidden));
    }
}

/// <summary>A layer invoked with .forward: no hook fires, so the exporter cannot see it.</summary>
public sealed class HiddenLayerMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    public HiddenLayerMlp() : base(nameof(HiddenLayerMlp))
    {
        fc1 = nn.Linear(6, 8);
        fc2 = nn.Linear(8, 4);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => fc2.call(fc1.forward(input));
}

[MultiViewModel]
[SoftCca]
public partial class WithScaledMlp
{
    [View(InputDim = 6)]
    public partial ScaledMlp Left { get; }

    [View(InputDim = 3)]
    [Dense("embed", 4)]
    public partial ViewEncoder Right { get; }
}

[MultiViewModel]
[SoftCca]
public partial class WithResidualMlp
{
    [View(InputDim = 6)]
    public partial ResidualMlp Left { get; }

    [View(InputDim = 3)]
    [Dense("embed", 4)]
    public partial ViewEncoder Right { get; }
}

[MultiViewModel]
[SoftCca]
public partial class WithHiddenLayer
{
    [View(InputDim = 6)]
    public partial HiddenLayerMlp Left { get; }

    [View(InputDim = 3)]
    [Dense("embed", 4)]
    public partial ViewEncoder Right { get; }
}
