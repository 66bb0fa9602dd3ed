using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Export.Tests;

/// <summary>Runs an exported encoder in ONNX Runtime and measures it against the TorchSharp model.</summary>
public static class OnnxParity
{
    /// <summary>
    /// Gives every parameter and batch-norm statistic non-trivial values at the scale training
    /// leaves them (fresh norms are the identity, which would test nothing): each parameter moves by
    /// noise of half its mean magnitude (at least 0.02), and three training-mode forwards move the
    /// running statistics.
    /// </summary>
    public static void Randomise(MultiViewModule model, int seed)
    {
        manual_seed(seed);
        using var scope = NewDisposeScope();
        using (no_grad())
            foreach (var (_, parameter) in model.named_parameters())
                parameter.add_(randn_like(parameter) * Math.Max(parameter.abs().mean().item<float>() * 0.5, 0.02));
        // A few training-mode forwards move the batch-norm running statistics away from (0, 1).
        model.train();
        using (no_grad())
            for (int i = 0; i < 3; i++)
                model.forward(model.Info.Views.Select(v => randn([16, .. v.InputShape]) * 1.5 + 0.3).ToList());
        model.eval();
    }

    /// <summary>ONNX Runtime's output for <paramref name="input"/> (float32, C order, [batch, ...sample shape]).</summary>
    public static float[] Run(string onnxPath, Tensor input)
    {
        using var session = new InferenceSession(onnxPath);
        var data = input.contiguous().data<float>().ToArray();
        var tensor = new DenseTensor<float>(data, input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", tensor)]);
        return results.Single().AsTensor<float>().ToArray();
    }

    /// <summary>
    /// The largest absolute difference between ONNX Runtime and TorchSharp in evaluation mode, on
    /// random inputs: against the encoder module's output (what was exported), and against the
    /// model's own embedding of the view, which is that output or (FAE: the shared block) its first columns.
    /// </summary>
    public static (double Difference, double Magnitude) MaxDifference(MultiViewModule model, int view, string onnxPath, int batch, int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var inputs = model.Info.Views.Select(v => randn([batch, .. v.InputShape], generator: generator)).ToList();
        model.eval();
        Tensor encoded, embedding;
        using (no_grad())
        {
            encoded = Sdl.Export.Tracing.EncoderLookup.Encoder(model, model.Info.Views[view].Name).call(inputs[view]).flatten(1);
            embedding = model.forward(inputs).Embeddings[view].flatten(1);
        }
        var actual = tensor(Run(onnxPath, inputs[view]), encoded.shape);
        var ofEmbedding = actual.narrow(1, 0, embedding.shape[1]);
        double difference = Math.Max((actual - encoded).abs().max().item<float>(), (ofEmbedding - embedding).abs().max().item<float>());
        return (difference, encoded.abs().max().item<float>());
    }
}
