using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Export.Tests;

// Declared models that together use every layer kind and every activation, fused and as a layer.

[MultiViewModel]
[SoftCca]
public partial class ConvKinds
{
    [View(InputShape = new[] { 1, 12, 12 })]
    [Conv2d("conv1", 4, 3, Activation.ReLU, Padding = 1)]
    [BatchNorm("bn1")]
    [MaxPool2d("pool1", 2)]
    [Conv2d("conv2", 8, 3, Stride = 2)]
    [ActivationLayer("act2", Activation.ReLU)]
    [Flatten("flat")]
    [Dense("fc", 16)]
    [LayerNorm("norm")]
    [Dropout("drop", 0.3)]
    [Dense("embed", 6)]
    [Decorrelate(Layer = "embed")]
    public partial ViewEncoder Top { get; }

    [View(InputDim = 144)]
    [Reshape("image", 1, 12, 12)]
    [Conv2d("conv1", 2, 5, Activation.GELU)]
    [MaxPool2d("pool", 2)]
    [ActivationLayer("act1", Activation.Tanh)]
    [Flatten("flat")]
    [BatchNorm("bn")]
    [Dense("embed", 6, Activation.ELU)]
    public partial ViewEncoder Bottom { get; }
}

[MultiViewModel]
[SoftCca]
public partial class DenseActivations
{
    [View(InputDim = 9)]
    [Dense("relu", 12, Activation.ReLU)]
    [Dense("tanh", 12, Activation.Tanh)]
    [Dense("sigmoid", 12, Activation.Sigmoid)]
    [Dense("gelu", 12, Activation.GELU)]
    [Dense("leaky", 12, Activation.LeakyReLU)]
    [Dense("elu", 12, Activation.ELU)]
    [Dense("embed", 5)]
    public partial ViewEncoder Fused { get; }

    [View(InputDim = 7)]
    [Dense("fc1", 12)]
    [ActivationLayer("a_relu", Activation.ReLU)]
    [Dense("fc2", 12)]
    [ActivationLayer("a_sigmoid", Activation.Sigmoid)]
    [Dense("fc3", 12)]
    [ActivationLayer("a_gelu", Activation.GELU)]
    [Dense("fc4", 12)]
    [ActivationLayer("a_leaky", Activation.LeakyReLU)]
    [Dense("fc5", 12)]
    [ActivationLayer("a_elu", Activation.ELU)]
    [BatchNorm("bn")]
    [Dropout("drop", 0.5)]
    [LayerNorm("norm")]
    [Dense("embed", 5, Activation.Tanh)]
    public partial ViewEncoder Layers { get; }
}
