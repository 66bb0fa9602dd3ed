using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sdl.Export.Tracing;

/// <summary>One step of an encoder, in execution order.</summary>
internal abstract record PlanStep;

/// <summary>A call of the leaf module <paramref name="Name"/> (its path in the encoder, the prefix of its state_dict keys).</summary>
internal sealed record ModuleStep(string Name, nn.Module Module, long InputRank, long[] OutputSampleShape) : PlanStep;

/// <summary>An element-wise function that is not a module (a fused activation).</summary>
internal sealed record FunctionStep(ElementWise Function) : PlanStep;

/// <summary>A reshape keeping the batch dimension (a Reshape layer, a flatten in a custom forward).</summary>
internal sealed record ReshapeStep(long[] SampleShape) : PlanStep;

/// <summary>
/// An encoder as a chain of steps, read from the TorchSharp module tree and one traced forward pass
/// in evaluation mode (see <see cref="EncoderTrace"/>). Each module call is a step; the step from one
/// module's output to the next module's input must be the identity, a reshape that keeps the batch
/// dimension, or an element-wise activation, identified by recomputing each candidate on the
/// recorded tensors. Anything else (a residual sum, a module the exporters do not know, a layer
/// invoked with <c>.forward</c>) is an <see cref="EncoderExportException"/> naming the module.
/// </summary>
internal sealed record EncoderPlan(string View, IReadOnlyList<long> SampleShape, long[] OutputSampleShape, IReadOnlyList<PlanStep> Steps)
{
    const string Supported = "Linear, Conv2d, MaxPool2d, BatchNorm1d/2d, LayerNorm, Dropout, Flatten, Unflatten, Identity, ReLU, LeakyReLU, ELU, Tanh, Sigmoid, GELU, SiLU";

    public static EncoderPlan Trace(nn.Module<Tensor, Tensor> encoder, string view, IReadOnlyList<long> sampleShape, Func<Tensor, Tensor>? call = null)
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
            var (input, output, calls) = EncoderTrace.Run(encoder, probe, call);
            var steps = new List<PlanStep>();
            var modules = encoder.named_modules().ToDictionary(m => m.name, m => m.module);
            Tensor value = input;
            string previous = "the input";
            string? previousName = null;
            foreach (var traced in calls)
            {
                Check(view, traced);
                steps.AddRange(Bridge(view, value, traced.Input, previous, $"'{traced.Name}'", Owner(modules, previousName, traced.Name)));
                steps.Add(new ModuleStep(traced.Name, traced.Module, traced.Input.dim(), traced.Output.shape[1..]));
                value = traced.Output;
                previous = $"'{traced.Name}'";
                previousName = traced.Name;
            }
            steps.AddRange(Bridge(view, value, output, previous, "the encoder's output", Owner(modules, previousName, null)));
            return new EncoderPlan(view, sampleShape, output.shape[1..], steps);
        }
        finally
        {
            if (wasTraining) encoder.train();
        }
    }

    static void Check(string view, TracedCall call)
    {
        string prefix = string.IsNullOrEmpty(call.Name) ? view : $"{view}.{call.Name}";
        switch (call.Module)
        {
            case Linear or MaxPool2d or LayerNorm or Dropout or Dropout1d or Dropout2d or AlphaDropout or Identity or Flatten or Unflatten:
                return;
            case Conv2d conv:
                if (conv.transposed)
                    throw new EncoderExportException($"View '{view}' cannot be exported: module '{prefix}' is a transposed convolution, which the exporter does not write.");
                if (conv.padding_mode != PaddingModes.Zeros)
                    throw new EncoderExportException($"View '{view}' cannot be exported: module '{prefix}' pads with {conv.padding_mode}; only zero padding is exported.");
                return;
            case BatchNorm norm:
                if (norm.running_mean is null || norm.running_var is null)
                    throw new EncoderExportException($"View '{view}' cannot be exported: module '{prefix}' keeps no running statistics (track_running_stats = false), so its evaluation output depends on the batch.");
                return;
            default:
                if (ElementWise.Of(call.Module) is not null) return;
                throw new EncoderExportException(
                    $"View '{view}' cannot be exported: module '{prefix}' is a {call.Module.GetType().FullName}, which the exporter does not know. " +
                    $"Supported modules: {Supported}; compose a custom encoder from them (called with .call) to export it. " +
                    "A layer kind of its own ([LayerRuntime]) exports when its module is such a chain; otherwise teach the exporters its operator in " +
                    "Sdl.Export's Tracing/EncoderPlan.cs, Onnx/OnnxEncoderExporter.cs and PyTorch/PyTorchScript.cs (docs/extending.md).");
        }
    }

    /// <summary>
    /// The module of the encoder's own that holds a nested module on either side of a bridge (<c>embed</c> for
    /// <c>embed.value</c>), as "'embed' (a Type)", or null when both sides are the encoder's direct children.
    /// </summary>
    static string? Owner(Dictionary<string, nn.Module> modules, string? after, string? before)
    {
        var nested = new[] { after, before }.FirstOrDefault(n => n is not null && n.Contains('.'));
        if (nested is null) return null;
        string top = nested[..nested.IndexOf('.')];
        return modules.TryGetValue(top, out var module) ? $"'{top}' (a {module.GetType().FullName})" : null;
    }

    /// <summary>The steps that turn <paramref name="from"/> into <paramref name="to"/>: nothing, an activation, a reshape, or both.</summary>
    static IEnumerable<PlanStep> Bridge(string view, Tensor from, Tensor to, string after, string before, string? owner)
    {
        foreach (var candidate in ElementWise.Candidates)
        {
            var applied = candidate.Torch(from); // not disposed here: the identity returns its input; the trace's dispose scope owns it
            var function = candidate == ElementWise.Identity ? [] : new PlanStep[] { new FunctionStep(candidate) };
            if (SameValues(applied, to))
                return function;
            if (applied.numel() == to.numel() && to.dim() >= 1 && to.shape[0] == from.shape[0] && SameValues(applied.reshape(to.shape), to))
                return [.. function, new ReshapeStep(to.shape[1..])];
        }
        throw new EncoderExportException(
            $"View '{view}' cannot be exported: between {after} and {before} the encoder computes something that is not a module call, " +
            $"a reshape or a supported activation ({string.Join(", ", ElementWise.Candidates.Skip(1).Select(c => c.Name))}); shapes [{string.Join(", ", from.shape)}] → [{string.Join(", ", to.shape)}]. " +
            "Write that step as a module and invoke every module with .call (not .forward) so the exporter sees it." +
            (owner is not null
                ? $" Module {owner} computes with its submodules otherwise than as a chain; a module of its own (a [LayerRuntime] layer kind) exports " +
                  "only as a chain of known modules; otherwise teach the exporters its operator in Sdl.Export's Tracing/EncoderPlan.cs, " +
                  "Onnx/OnnxEncoderExporter.cs and PyTorch/PyTorchScript.cs (docs/extending.md)."
                : ""));
    }

    static bool SameValues(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && allclose(a, b, rtol: 1e-5, atol: 1e-6);
}
