using Sdl.Export.Tracing;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Export.PyTorch.Training;

/// <summary>
/// Finds, for each <c>[Decorrelate]</c> tap, the step of a view's traced plan after which the
/// model captures it: the layer's own module step and the activations fused into it when that
/// matches the captured tensor, else the first step whose value matches. Checked numerically on a
/// probe batch in evaluation mode, so a custom encoder's taps are found (or refused) on evidence.
/// </summary>
internal static class TapLocator
{
    /// <summary>Every step's output when the plan runs on <paramref name="input"/>.</summary>
    public static List<Tensor> StepValues(EncoderPlan plan, Tensor input)
    {
        var values = new List<Tensor>();
        var x = input;
        foreach (var step in plan.Steps)
        {
            x = step switch
            {
                ModuleStep module => ((nn.Module<Tensor, Tensor>)module.Module).call(x),
                FunctionStep function => function.Function.Torch(x),
                ReshapeStep reshape => x.reshape([x.shape[0], .. reshape.SampleShape]),
                _ => throw new InvalidOperationException($"Unknown plan step {step}."),
            };
            values.Add(x);
        }
        return values;
    }

    /// <summary>The step index after which <paramref name="captured"/> (the tap of <paramref name="layer"/>) is the running value, or -1.</summary>
    public static int Locate(EncoderPlan plan, IReadOnlyList<Tensor> values, string layer, Tensor captured)
    {
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            if (plan.Steps[i] is not ModuleStep { Name: var name } || name != layer) continue;
            int end = i;
            while (end + 1 < plan.Steps.Count && plan.Steps[end + 1] is FunctionStep) end++;
            for (int j = end; j >= i; j--)
                if (Same(values[j], captured)) return j;
        }
        for (int i = 0; i < values.Count; i++)
            if (Same(values[i], captured)) return i;
        return -1;
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && allclose(a, b, rtol: 1e-5, atol: 1e-6);
}
