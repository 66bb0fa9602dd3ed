using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Models;

/// <summary>
/// Captures the output of one named submodule of a custom encoder through a forward hook, for
/// <c>[Decorrelate]</c> taps on encoders the generator did not write. Hooks fire only when the
/// submodule is invoked with <c>.call(...)</c>; the generator reports a diagnostic where it sees <c>.forward(...)</c>.
/// Holds no tensor between forwards: <see cref="Take"/> hands the captured value over and forgets it.
/// </summary>
/// <remarks>Called by generated code only, hence hidden from IntelliSense.</remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class ActivationCapture
{
    private Tensor? captured;

    private ActivationCapture(string key) => Key = key;

    /// <summary>The tap's key, <c>"View.layer"</c>.</summary>
    public string Key { get; }

    /// <summary>Hooks the direct child module named <paramref name="layer"/> of <paramref name="encoder"/>.</summary>
    public static ActivationCapture Attach(nn.Module encoder, string view, string layer)
    {
        var child = encoder.named_children().FirstOrDefault(c => c.name == layer).module
            ?? throw new ArgumentException($"The encoder of view '{view}' has no registered submodule '{layer}' (was RegisterComponents() called?).", nameof(layer));
        if (child is not nn.Module<Tensor, Tensor> tensorModule)
            throw new ArgumentException($"'{view}.{layer}' is a {child.GetType().Name}, not a Module<Tensor, Tensor>: its output cannot be decorrelated.", nameof(layer));
        var capture = new ActivationCapture($"{view}.{layer}");
        tensorModule.register_forward_hook((_, _, output) =>
        {
            capture.captured = output;
            return null!; // null leaves the output unchanged (TorchSharp's hook contract)
        });
        return capture;
    }

    /// <summary>The output of the hooked layer in the last forward; throws when the layer did not run through <c>.call</c>.</summary>
    public Tensor Take()
    {
        var value = captured ?? throw new InvalidOperationException(
            $"The layer '{Key}' produced no activation in this forward: invoke it with .call(x), not .forward(x), so that its hook fires.");
        captured = null;
        return value;
    }

    /// <summary>
    /// Runs <paramref name="encoder"/> once on a zero batch of two samples in evaluation mode and returns its
    /// embedding width and the feature count of each capture's output, so that decorrelation buffers can be
    /// sized before training. The encoder's training flag is restored.
    /// </summary>
    public static EncoderMeasurement Measure(nn.Module<Tensor, Tensor> encoder, long[] sampleShape, IReadOnlyList<ActivationCapture> captures)
    {
        bool wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var embedding = encoder.call(zeros([2, .. sampleShape]));
            if (embedding.dim() != 2)
                throw new InvalidOperationException($"A custom encoder must return [batch, features]; this one returns [{string.Join(", ", embedding.shape)}].");
            var features = captures.Select(c =>
            {
                var output = c.Take();
                if (output.dim() != 2)
                    throw new InvalidOperationException($"The tapped layer '{c.Key}' outputs shape [{string.Join(", ", output.shape)}]; decorrelation needs [batch, features]. Tap a flat layer.");
                return output.shape[1];
            }).ToArray();
            return new EncoderMeasurement(embedding.shape[1], features);
        }
        finally
        {
            encoder.train(wasTraining);
        }
    }
}

/// <summary>What <see cref="ActivationCapture.Measure"/> found: the embedding width and each tap's feature count.</summary>
public sealed record EncoderMeasurement(long EmbeddingSize, IReadOnlyList<long> TapFeatures);
