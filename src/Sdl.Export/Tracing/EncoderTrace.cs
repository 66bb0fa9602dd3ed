using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Export.Tracing;

/// <summary>One call of a leaf module during a traced forward pass: which module, what it got and what it gave.</summary>
internal sealed record TracedCall(string Name, nn.Module Module, Tensor Input, Tensor Output);

/// <summary>
/// Runs an encoder once on a probe batch with a forward hook on every leaf module and records the
/// calls in order. The generated encoders (and well-behaved custom ones) call each layer with
/// <c>.call</c>, so every layer is seen; what happens between two layers (a fused activation, a
/// reshape) is recovered by <see cref="EncoderPlan"/> from the recorded tensors.
/// </summary>
internal static class EncoderTrace
{
    public static (Tensor Input, Tensor Output, List<TracedCall> Calls) Run(nn.Module<Tensor, Tensor> encoder, Tensor probe, Func<Tensor, Tensor>? call = null)
    {
        var calls = new List<TracedCall>();
        var removers = new List<Action>();
        var leaves = encoder.named_modules().Where(m => !m.module.named_children().Any()).ToList();
        if (!encoder.named_children().Any()) leaves = [("", encoder)];
        try
        {
            foreach (var (name, module) in leaves)
            {
                if (module is not nn.Module<Tensor, Tensor> typed) continue;
                string captured = name;
                var remover = typed.register_forward_hook((m, input, output) =>
                {
                    calls.Add(new TracedCall(captured, m, input.detach().clone(), output.detach().clone()));
                    return output;
                });
                removers.Add(remover.remove);
            }
            // call: another entry point of the same module (an FAE view's Decode), traced over the same leaves.
            var result = (call ?? encoder.call)(probe).detach().clone();
            return (probe, result, calls);
        }
        finally
        {
            foreach (var remove in removers) remove();
        }
    }
}
