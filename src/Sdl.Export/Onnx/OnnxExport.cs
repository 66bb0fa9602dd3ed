using Google.Protobuf;
using Onnx;
using Sdl.Export.Tracing;
using Sdl.Runtime.Models;

namespace Sdl.Export.Onnx;

/// <summary>
/// Exports the view encoders of a multi-view model to ONNX: one graph per view, in evaluation mode
/// (dropout off, batch norm on its running statistics), with a dynamic batch dimension. Input
/// <c>input</c> is [batch, ...the view's declared sample shape]; output <c>embedding</c> is
/// [batch, embedding]. The architecture is read from the TorchSharp module tree and one traced
/// forward pass, so declared encoders and custom encoders built from supported modules both work.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the graphs use (17: LayerNormalization is a single operator there).</summary>
    public const int Opset = 17;

    /// <summary>Writes <c>{directory}/{view}.onnx</c> for every view of <paramref name="model"/> and returns the paths in view order.</summary>
    public static IReadOnlyList<string> ExportEncoders(MultiViewModule model, string directory)
    {
        Directory.CreateDirectory(directory);
        return model.Info.Views.Select(v =>
        {
            var path = Path.Combine(directory, $"{v.Name}.onnx");
            ExportEncoder(model, v.Name, path);
            return path;
        }).ToList();
    }

    /// <summary>Writes the encoder of view <paramref name="view"/> to <paramref name="path"/> (atomically: a temporary file, then a rename).</summary>
    public static void ExportEncoder(MultiViewModule model, string view, string path)
    {
        var bytes = BuildEncoder(model, view).ToByteArray();
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The ONNX model of the encoder of view <paramref name="view"/>.</summary>
    public static ModelProto BuildEncoder(MultiViewModule model, string view) =>
        OnnxEncoderExporter.Build(EncoderLookup.Plan(model, view), Opset);
}
