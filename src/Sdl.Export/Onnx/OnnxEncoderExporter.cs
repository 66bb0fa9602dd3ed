using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static Sdl.Export.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Sdl.Export.Onnx;

/// <summary>
/// Turns one traced encoder into an ONNX graph. Each recorded module call becomes the ONNX
/// operators of its kind, with the module's parameters (and batch-norm running statistics) as
/// initializers; the step from one module's output to the next module's input must be the
/// identity, a reshape that keeps the batch dimension, or an element-wise activation, identified
/// by recomputing each candidate on the recorded tensors.
/// </summary>
internal sealed class OnnxEncoderExporter
{
    /// <summary>An element-wise function the generated code may apply between layers (a layer's fused activation), in both worlds.</summary>
    sealed record ElementWise(string Name, Func<Tensor, Tensor> Torch, Func<OnnxGraphBuilder, string, string, string> Emit);

    static readonly ElementWise Identity = new("identity", x => x, (_, x, _) => x);

    static ElementWise LeakyRelu(double slope) => new($"LeakyReLU({slope})", x => nn.functional.leaky_relu(x, slope),
        (g, x, stem) => g.Node("LeakyRelu", stem, [x], Float("alpha", (float)slope)));

    static ElementWise Elu(double alpha) => new($"ELU({alpha})", x => nn.functional.elu(x, alpha),
        (g, x, stem) => g.Node("Elu", stem, [x], Float("alpha", (float)alpha)));

    static readonly ElementWise Relu = new("ReLU", x => nn.functional.relu(x), (g, x, stem) => g.Node("Relu", stem, [x]));
    static readonly ElementWise Tanh = new("Tanh", x => x.tanh(), (g, x, stem) => g.Node("Tanh", stem, [x]));
    static readonly ElementWise Sigmoid = new("Sigmoid", x => x.sigmoid(), (g, x, stem) => g.Node("Sigmoid", stem, [x]));
    static readonly ElementWise Silu = new("SiLU", x => nn.functional.silu(x), (g, x, stem) => g.Node("Mul", stem, [x, g.Node("Sigmoid", stem + "_sigmoid", [x])]));

    // GELU as ONNX opset 17 spells it: 0.5·x·(1 + erf(x/√2)), or the tanh approximation.
    static readonly ElementWise Gelu = new("GELU", x => nn.functional.gelu(x), (g, x, stem) =>
    {
        var erf = g.Node("Erf", stem + "_erf", [g.Node("Div", stem + "_scaled", [x, g.Scalar(stem + "_sqrt2", MathF.Sqrt(2f))])]);
        var onePlus = g.Node("Add", stem + "_one_plus", [erf, g.Scalar(stem + "_one", 1f)]);
        return g.Node("Mul", stem, [g.Node("Mul", stem + "_x", [x, onePlus]), g.Scalar(stem + "_half", 0.5f)]);
    });

    static readonly ElementWise GeluTanh = new("GELU(tanh)", x => nn.functional.gelu(x, GELU.Approximate.tanh), (g, x, stem) =>
    {
        var cube = g.Node("Mul", stem + "_cube", [g.Node("Mul", stem + "_square", [x, x]), x]);
        var inner = g.Node("Add", stem + "_inner", [x, g.Node("Mul", stem + "_c", [cube, g.Scalar(stem + "_k", 0.044715f)])]);
        var tanh = g.Node("Tanh", stem + "_tanh", [g.Node("Mul", stem + "_s", [inner, g.Scalar(stem + "_sqrt2pi", MathF.Sqrt(2f / MathF.PI))])]);
        var onePlus = g.Node("Add", stem + "_one_plus", [tanh, g.Scalar(stem + "_one", 1f)]);
        return g.Node("Mul", stem, [g.Node("Mul", stem + "_x", [x, onePlus]), g.Scalar(stem + "_half", 0.5f)]);
    });

    /// <summary>The functions the generator's fused activations use (Sdl.Dsl.Activation), identity first so a no-op is never mistaken for a function.</summary>
    static readonly ElementWise[] GapCandidates = [Identity, Relu, LeakyRelu(0.01), Elu(1.0), Tanh, Sigmoid, Gelu, GeluTanh, Silu];

    readonly OnnxGraphBuilder graph = new();
    readonly string view;

    OnnxEncoderExporter(string view) => this.view = view;

    public static ModelProto Build(nn.Module<Tensor, Tensor> encoder, string view, IReadOnlyList<long> sampleShape, int opset)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var generator = new Generator(seed: 20_180_618);
        // Seven samples of unit-variance noise: every activation sees both signs, so identity,
        // ReLU and the other candidates are told apart.
        var probe = randn([7, .. sampleShape], generator: generator, device: encoder.parameters().FirstOrDefault()?.device ?? CPU);
        bool wasTraining = encoder.training;
        encoder.eval();
        try
        {
            var (input, output, calls) = EncoderTrace.Run(encoder, probe);
            return new OnnxEncoderExporter(view).Emit(input, output, calls, sampleShape, opset);
        }
        finally
        {
            if (wasTraining) encoder.train();
        }
    }

    ModelProto Emit(Tensor input, Tensor output, List<TracedCall> calls, IReadOnlyList<long> sampleShape, int opset)
    {
        string current = "input";
        Tensor value = input;
        string previous = "the input";
        foreach (var call in calls)
        {
            current = Bridge(current, value, call.Input, previous, $"'{call.Name}'");
            current = EmitModule(call, current);
            value = call.Output;
            previous = $"'{call.Name}'";
        }
        current = Bridge(current, value, output, previous, "the encoder's output");
        var final = graph.Node("Identity", "embedding", [current]);

        graph.Graph.Name = view;
        graph.Graph.Input.Add(BatchTensor("input", sampleShape));
        graph.Graph.Output.Add(BatchTensor(final, output.shape.Skip(1)));
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "Sdl.Export",
            ProducerVersion = typeof(OnnxEncoderExporter).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph.Graph,
            DocString = $"Encoder of view '{view}' in evaluation mode; input [batch, {string.Join(", ", sampleShape)}], output [batch, {string.Join(", ", output.shape.Skip(1))}].",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    /// <summary>Emits what turns <paramref name="from"/> into <paramref name="to"/>: nothing, an activation, a reshape, or both.</summary>
    string Bridge(string current, Tensor from, Tensor to, string after, string before)
    {
        foreach (var candidate in GapCandidates)
        {
            var applied = candidate.Torch(from); // not disposed here: the identity returns its input; the dispose scope of Build owns it
            if (SameValues(applied, to))
                return candidate.Emit(graph, current, $"{Stem(before)}_{candidate.Name.ToLowerInvariant()}_in");
            if (applied.numel() == to.numel() && to.dim() >= 1 && to.shape[0] == from.shape[0] && SameValues(applied.reshape(to.shape), to))
                return Reshape(candidate.Emit(graph, current, $"{Stem(before)}_{candidate.Name.ToLowerInvariant()}_in"), to, $"{Stem(before)}_reshape_in");
        }
        throw new OnnxExportException(
            $"View '{view}' cannot be exported to ONNX: between {after} and {before} the encoder computes something that is not a module call, " +
            $"a reshape or a supported activation ({string.Join(", ", GapCandidates.Skip(1).Select(c => c.Name))}); shapes [{string.Join(", ", from.shape)}] → [{string.Join(", ", to.shape)}]. " +
            "Write that step as a module and invoke every module with .call (not .forward) so the exporter sees it.");
    }

    static bool SameValues(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && allclose(a, b, rtol: 1e-5, atol: 1e-6);

    string Reshape(string current, Tensor to, string stem) =>
        graph.Node("Reshape", stem, [current, graph.Int64s(stem + "_shape", [-1, .. to.shape.Skip(1)])]);

    static string Stem(string description) => description.Trim('\'').Replace(' ', '_').Replace("'", "");

    string Prefix(TracedCall call) => string.IsNullOrEmpty(call.Name) ? view : $"{view}.{call.Name}";

    string EmitModule(TracedCall call, string x)
    {
        string prefix = Prefix(call);
        switch (call.Module)
        {
            case Linear linear:
            {
                var weight = graph.Initializer($"{prefix}.weight_transposed", linear.weight!.t());
                var product = graph.Node("MatMul", $"{prefix}_matmul", [x, weight]);
                return linear.bias is null ? product : graph.Node("Add", prefix, [product, graph.Initializer($"{prefix}.bias", linear.bias)]);
            }
            case Conv2d conv:
                return EmitConv(conv, call, x, prefix);
            case MaxPool2d pool:
            {
                var kernel = pool.kernel_size;
                var stride = pool.stride is { Length: > 0 } s ? s : kernel;
                var padding = pool.padding is { Length: > 0 } p ? p : [0, 0];
                var dilation = pool.dilation is { Length: > 0 } d ? d : [1, 1];
                return graph.Node("MaxPool", prefix, [x], Ints("kernel_shape", kernel), Ints("strides", stride),
                    Ints("pads", [padding[0], padding[1], padding[0], padding[1]]), Ints("dilations", dilation), Int("ceil_mode", pool.ceil_mode ? 1 : 0));
            }
            case BatchNorm norm:
                return EmitBatchNorm(norm, call, x, prefix);
            case LayerNorm norm:
            {
                long[] shape = norm.normalized_shape;
                using var ones = torch.ones(shape);
                using var zeros = torch.zeros(shape);
                var scale = graph.Initializer($"{prefix}.weight", norm.weight ?? ones);
                var bias = graph.Initializer($"{prefix}.bias", norm.bias ?? zeros);
                return graph.Node("LayerNormalization", prefix, [x, scale, bias], Int("axis", -shape.Length), Float("epsilon", (float)norm.eps));
            }
            case Dropout or Dropout1d or Dropout2d or AlphaDropout or TorchSharp.Modules.Identity:
                return x; // evaluation mode: the identity
            case Flatten or Unflatten:
                return Reshape(x, call.Output, prefix);
            case ReLU:
                return Relu.Emit(graph, x, prefix);
            case TorchSharp.Modules.Tanh:
                return Tanh.Emit(graph, x, prefix);
            case TorchSharp.Modules.Sigmoid:
                return Sigmoid.Emit(graph, x, prefix);
            case SiLU:
                return Silu.Emit(graph, x, prefix);
            case GELU gelu:
                return (gelu.approximate == GELU.Approximate.tanh ? GeluTanh : Gelu).Emit(graph, x, prefix);
            case LeakyReLU leaky:
                return LeakyRelu(leaky.negative_slope).Emit(graph, x, prefix);
            case ELU elu:
                return Elu(elu.alpha).Emit(graph, x, prefix);
            default:
                throw new OnnxExportException(
                    $"View '{view}' cannot be exported to ONNX: module '{prefix}' is a {call.Module.GetType().FullName}, which the exporter does not know. " +
                    "Supported modules: Linear, Conv2d, MaxPool2d, BatchNorm1d/2d, LayerNorm, Dropout, Flatten, Unflatten, Identity, ReLU, LeakyReLU, ELU, Tanh, Sigmoid, GELU, SiLU; " +
                    "compose a custom encoder from them (called with .call) to export it.");
        }
    }

    string EmitConv(Conv2d conv, TracedCall call, string x, string prefix)
    {
        if (conv.transposed)
            throw new OnnxExportException($"View '{view}' cannot be exported to ONNX: module '{prefix}' is a transposed convolution, which the exporter does not write.");
        if (conv.padding_mode != PaddingModes.Zeros)
            throw new OnnxExportException($"View '{view}' cannot be exported to ONNX: module '{prefix}' pads with {conv.padding_mode}; only zero padding is exported.");
        long[] kernel = conv.kernel_size, dilation = conv.dilation is { Length: > 0 } d ? d : [1, 1];
        long[] stride = conv.stride is { Length: > 0 } s ? s : [1, 1];
        long[] pads;
        if (conv.padding_type == Padding.Same)
        {
            // PyTorch's 'same': total padding dilation·(k−1), the odd one on the bottom/right.
            var total = kernel.Select((k, i) => dilation[i] * (k - 1)).ToArray();
            pads = [total[0] / 2, total[1] / 2, total[0] - total[0] / 2, total[1] - total[1] / 2];
        }
        else
        {
            var padding = conv.padding is { Length: > 0 } p ? p : [0, 0];
            pads = [padding[0], padding[^1], padding[0], padding[^1]];
        }
        var inputs = new List<string> { x, graph.Initializer($"{prefix}.weight", conv.weight!) };
        if (conv.bias is not null) inputs.Add(graph.Initializer($"{prefix}.bias", conv.bias));
        return graph.Node("Conv", prefix, inputs, Ints("kernel_shape", kernel), Ints("strides", stride), Ints("pads", pads),
            Ints("dilations", dilation), Int("group", conv.groups));
    }

    string EmitBatchNorm(BatchNorm norm, TracedCall call, string x, string prefix)
    {
        if (norm.running_mean is null || norm.running_var is null)
            throw new OnnxExportException($"View '{view}' cannot be exported to ONNX: module '{prefix}' keeps no running statistics (track_running_stats = false), so its evaluation output depends on the batch.");
        // Evaluation-mode batch norm is affine per channel: y = x·a + b with a = γ/√(σ²+ε), b = β − μ·a.
        using var scale = (norm.weight is null ? torch.ones_like(norm.running_var) : norm.weight.detach()) / (norm.running_var + norm.eps).sqrt();
        using var shift = (norm.bias is null ? torch.zeros_like(norm.running_mean) : norm.bias.detach()) - norm.running_mean * scale;
        long channels = norm.num_features;
        long[] shape = [channels, .. Enumerable.Repeat(1L, (int)call.Input.dim() - 2)];
        var scaled = graph.Node("Mul", $"{prefix}_scaled", [x, graph.Initializer($"{prefix}.scale", scale, shape)]);
        return graph.Node("Add", prefix, [scaled, graph.Initializer($"{prefix}.shift", shift, shape)]);
    }
}
