using Onnx;
using Sdl.Export.Tracing;
using TorchSharp;
using TorchSharp.Modules;
using static Sdl.Export.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Sdl.Export.Onnx;

/// <summary>
/// Writes an <see cref="EncoderPlan"/> as an ONNX graph: each module step becomes the operators of
/// its kind, with the module's parameters (and batch-norm running statistics) as float32
/// initializers named after the state_dict keys.
/// </summary>
internal sealed class OnnxEncoderExporter
{
    readonly OnnxGraphBuilder graph = new();
    readonly string view;

    OnnxEncoderExporter(string view) => this.view = view;

    public static ModelProto Build(EncoderPlan plan, int opset)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return new OnnxEncoderExporter(plan.View).Emit(plan, opset);
    }

    ModelProto Emit(EncoderPlan plan, int opset)
    {
        string current = "input";
        int index = 0;
        foreach (var step in plan.Steps)
        {
            index++;
            current = step switch
            {
                ModuleStep module => EmitModule(module, current),
                FunctionStep function => function.Function.Onnx(graph, current, $"step{index}_{Stem(function.Function.Name)}"),
                ReshapeStep reshape => Reshape(current, reshape.SampleShape, $"step{index}_reshape"),
                _ => throw new InvalidOperationException($"Unknown step {step}."),
            };
        }
        var final = graph.Node("Identity", "embedding", [current]);

        graph.Graph.Name = view;
        graph.Graph.Input.Add(BatchTensor("input", plan.SampleShape));
        graph.Graph.Output.Add(BatchTensor(final, plan.OutputSampleShape));
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "Sdl.Export",
            ProducerVersion = typeof(OnnxEncoderExporter).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph.Graph,
            DocString = $"Encoder of view '{view}' in evaluation mode; input [batch, {string.Join(", ", plan.SampleShape)}], output [batch, {string.Join(", ", plan.OutputSampleShape)}].",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    string Reshape(string current, long[] sampleShape, string stem) =>
        graph.Node("Reshape", stem, [current, graph.Int64s(stem + "_shape", [-1, .. sampleShape])]);

    static string Stem(string name) => new(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    string EmitModule(ModuleStep step, string x)
    {
        string prefix = string.IsNullOrEmpty(step.Name) ? view : $"{view}.{step.Name}";
        switch (step.Module)
        {
            case Linear linear:
            {
                var weight = graph.Initializer($"{prefix}.weight_transposed", linear.weight!.t());
                var product = graph.Node("MatMul", $"{prefix}_matmul", [x, weight]);
                return linear.bias is null ? product : graph.Node("Add", prefix, [product, graph.Initializer($"{prefix}.bias", linear.bias)]);
            }
            case Conv2d conv:
                return EmitConv(conv, x, prefix);
            case MaxPool2d pool:
            {
                var kernel = pool.kernel_size;
                var stride = pool.stride is { Length: > 0 } s ? s : kernel;
                var padding = pool.padding is { Length: > 0 } p ? p : [0, 0];
                var dilation = pool.dilation is { Length: > 0 } d ? d : [1, 1];
                return graph.Node("MaxPool", prefix, [x], Ints("kernel_shape", kernel), Ints("strides", stride),
                    Ints("pads", [padding[0], padding[^1], padding[0], padding[^1]]), Ints("dilations", dilation), Int("ceil_mode", pool.ceil_mode ? 1 : 0));
            }
            case BatchNorm norm:
                return EmitBatchNorm(norm, step.InputRank, x, prefix);
            case LayerNorm norm:
            {
                long[] shape = norm.normalized_shape;
                var scale = graph.Initializer($"{prefix}.weight", norm.weight ?? torch.ones(shape));
                var bias = graph.Initializer($"{prefix}.bias", norm.bias ?? torch.zeros(shape));
                return graph.Node("LayerNormalization", prefix, [x, scale, bias], Int("axis", -shape.Length), Float("epsilon", (float)norm.eps));
            }
            case Flatten or Unflatten:
                return Reshape(x, step.OutputSampleShape, prefix);
            case Dropout or Dropout1d or Dropout2d or AlphaDropout or TorchSharp.Modules.Identity:
                return x; // evaluation mode: the identity
            default:
                var function = ElementWise.Of(step.Module) ?? throw new InvalidOperationException($"{prefix}: checked by the planner, yet unknown.");
                return function.Onnx(graph, x, prefix);
        }
    }

    string EmitConv(Conv2d conv, string x, string prefix)
    {
        long[] kernel = conv.kernel_size, dilation = conv.dilation is { Length: > 0 } d ? d : [1, 1];
        long[] stride = conv.stride is { Length: > 0 } s ? s : [1, 1];
        var inputs = new List<string> { x, graph.Initializer($"{prefix}.weight", conv.weight!) };
        if (conv.bias is not null) inputs.Add(graph.Initializer($"{prefix}.bias", conv.bias));
        return graph.Node("Conv", prefix, inputs, Ints("kernel_shape", kernel), Ints("strides", stride), Ints("pads", ConvPads(conv)),
            Ints("dilations", dilation), Int("group", conv.groups));
    }

    /// <summary>ONNX pads [top, left, bottom, right] of a convolution, PyTorch's 'same' included (total dilation·(k−1), the odd one at the end).</summary>
    internal static long[] ConvPads(Conv2d conv)
    {
        long[] kernel = conv.kernel_size, dilation = conv.dilation is { Length: > 0 } d ? d : [1, 1];
        if (conv.padding_type == Padding.Same)
        {
            var total = kernel.Select((k, i) => dilation[i] * (k - 1)).ToArray();
            return [total[0] / 2, total[1] / 2, total[0] - total[0] / 2, total[1] - total[1] / 2];
        }
        if (conv.padding_type == Padding.Valid) return [0, 0, 0, 0];
        var padding = conv.padding is { Length: > 0 } p ? p : [0, 0];
        return [padding[0], padding[^1], padding[0], padding[^1]];
    }

    string EmitBatchNorm(BatchNorm norm, long inputRank, string x, string prefix)
    {
        // Evaluation-mode batch norm is affine per channel: y = x·a + b with a = γ/√(σ²+ε), b = β − μ·a.
        var scale = (norm.weight is null ? torch.ones_like(norm.running_var!) : norm.weight.detach()) / (norm.running_var! + norm.eps).sqrt();
        var shift = (norm.bias is null ? torch.zeros_like(norm.running_mean!) : norm.bias.detach()) - norm.running_mean! * scale;
        long[] shape = [norm.num_features, .. Enumerable.Repeat(1L, (int)inputRank - 2)];
        var scaled = graph.Node("Mul", $"{prefix}_scaled", [x, graph.Initializer($"{prefix}.scale", scale, shape)]);
        return graph.Node("Add", prefix, [scaled, graph.Initializer($"{prefix}.shift", shift, shape)]);
    }
}
