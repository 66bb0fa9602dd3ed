using Onnx;
using Sdl.Export.Onnx;
using static Sdl.Export.Onnx.OnnxGraphBuilder;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Export.Tracing;

/// <summary>
/// An element-wise function between or as layers (a fused activation, an activation layer), in the
/// three forms the exporters need: TorchSharp (to recognise it in a trace), ONNX operators, and a
/// PyTorch expression (<c>{0}</c> is the input).
/// </summary>
internal sealed record ElementWise(string Name, Func<Tensor, Tensor> Torch, Func<OnnxGraphBuilder, string, string, string> Onnx, string Python)
{
    public static readonly ElementWise Identity = new("identity", x => x, (_, x, _) => x, "{0}");

    public static ElementWise LeakyRelu(double slope) => new($"LeakyReLU({slope.ToString(System.Globalization.CultureInfo.InvariantCulture)})", x => nn.functional.leaky_relu(x, slope),
        (g, x, stem) => g.Node("LeakyRelu", stem, [x], Float("alpha", (float)slope)), $"F.leaky_relu({{0}}, {Literal(slope)})");

    public static ElementWise Elu(double alpha) => new($"ELU({alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)})", x => nn.functional.elu(x, alpha),
        (g, x, stem) => g.Node("Elu", stem, [x], Float("alpha", (float)alpha)), $"F.elu({{0}}, {Literal(alpha)})");

    public static readonly ElementWise Relu = new("ReLU", x => nn.functional.relu(x), (g, x, stem) => g.Node("Relu", stem, [x]), "F.relu({0})");
    public static readonly ElementWise Tanh = new("Tanh", x => x.tanh(), (g, x, stem) => g.Node("Tanh", stem, [x]), "torch.tanh({0})");
    public static readonly ElementWise Sigmoid = new("Sigmoid", x => x.sigmoid(), (g, x, stem) => g.Node("Sigmoid", stem, [x]), "torch.sigmoid({0})");
    public static readonly ElementWise Silu = new("SiLU", x => nn.functional.silu(x),
        (g, x, stem) => g.Node("Mul", stem, [x, g.Node("Sigmoid", stem + "_sigmoid", [x])]), "F.silu({0})");

    // GELU as ONNX opset 17 spells it: 0.5·x·(1 + erf(x/√2)).
    public static readonly ElementWise Gelu = new("GELU", x => nn.functional.gelu(x), (g, x, stem) =>
    {
        var erf = g.Node("Erf", stem + "_erf", [g.Node("Div", stem + "_scaled", [x, g.Scalar(stem + "_sqrt2", MathF.Sqrt(2f))])]);
        var onePlus = g.Node("Add", stem + "_one_plus", [erf, g.Scalar(stem + "_one", 1f)]);
        return g.Node("Mul", stem, [g.Node("Mul", stem + "_x", [x, onePlus]), g.Scalar(stem + "_half", 0.5f)]);
    }, "F.gelu({0})");

    // The tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    public static readonly ElementWise GeluTanh = new("GELU(tanh)", x => nn.functional.gelu(x, GELU.Approximate.tanh), (g, x, stem) =>
    {
        var cube = g.Node("Mul", stem + "_cube", [g.Node("Mul", stem + "_square", [x, x]), x]);
        var inner = g.Node("Add", stem + "_inner", [x, g.Node("Mul", stem + "_c", [cube, g.Scalar(stem + "_k", 0.044715f)])]);
        var tanh = g.Node("Tanh", stem + "_tanh", [g.Node("Mul", stem + "_s", [inner, g.Scalar(stem + "_sqrt2pi", MathF.Sqrt(2f / MathF.PI))])]);
        var onePlus = g.Node("Add", stem + "_one_plus", [tanh, g.Scalar(stem + "_one", 1f)]);
        return g.Node("Mul", stem, [g.Node("Mul", stem + "_x", [x, onePlus]), g.Scalar(stem + "_half", 0.5f)]);
    }, "F.gelu({0}, approximate='tanh')");

    /// <summary>
    /// The functions the generator's fused activations use (Sdl.Dsl.Activation), identity first so a
    /// no-op is never mistaken for a function.
    /// </summary>
    public static readonly ElementWise[] Candidates = [Identity, Relu, LeakyRelu(0.01), Elu(1.0), Tanh, Sigmoid, Gelu, GeluTanh, Silu];

    /// <summary>The function an activation module computes, or null when <paramref name="module"/> is not one.</summary>
    public static ElementWise? Of(nn.Module module) => module switch
    {
        ReLU => Relu,
        TorchSharp.Modules.Tanh => Tanh,
        TorchSharp.Modules.Sigmoid => Sigmoid,
        SiLU => Silu,
        GELU gelu => gelu.approximate == GELU.Approximate.tanh ? GeluTanh : Gelu,
        LeakyReLU leaky => LeakyRelu(leaky.negative_slope),
        ELU elu => Elu(elu.alpha),
        _ => null,
    };

    static string Literal(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
