using Onnx;
using Sdl.Export.Onnx;
using Sdl.Export.Tests.Unexportable;
using Sdl.Runtime.Models;

namespace Sdl.Export.Tests;

public class OnnxExportErrorTests
{
    [Fact]
    public void UnknownModule_InACustomEncoder_IsNamed()
    {
        using var model = new WithScaledMlp();
        var error = Assert.Throws<EncoderExportException>(() => OnnxExport.BuildEncoder(model, "Left"));
        Assert.StartsWith("View 'Left' cannot be exported: module 'Left.scale' is a Sdl.Export.Tests.Unexportable.FeatureScale, which the exporter does not know.", error.Message);
        // The declared view of the same model exports.
        Assert.NotEmpty(OnnxExport.BuildEncoder(model, "Right").Graph.Node);
    }

    /// <summary>A layer kind of its own ([LayerRuntime]) whose module is not a chain of known modules: the error names its type and the files to teach.</summary>
    [Fact]
    public void UnknownLayerKind_IsNamed_WithTheExportFilesToTouch()
    {
        using var model = new WithGainLayer();
        var directory = Path.Combine(Path.GetTempPath(), "sdl-gain-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var build in new Action[] { () => OnnxExport.BuildEncoder(model, "Left"), () => Sdl.Export.PyTorch.PyTorchExport.ExportEncoders(model, directory) })
            {
                var error = Assert.Throws<EncoderExportException>(build);
                Assert.StartsWith("View 'Left' cannot be exported: module 'Left.gain' is a Sdl.Export.Tests.Unexportable.GainLayer, which the exporter does not know.", error.Message);
                Assert.Contains("Tracing/EncoderPlan.cs, Onnx/OnnxEncoderExporter.cs and PyTorch/PyTorchScript.cs", error.Message);
            }
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        Assert.NotEmpty(OnnxExport.BuildEncoder(model, "Right").Graph.Node);
    }

    /// <summary>A layer kind whose module combines known submodules otherwise than in a chain: the error names the layer's module and type.</summary>
    [Fact]
    public void LayerKind_ThatIsNotAChain_IsNamed_WithTheExportFilesToTouch()
    {
        using var model = new WithGatedLayer();
        var error = Assert.Throws<EncoderExportException>(() => OnnxExport.BuildEncoder(model, "Left"));
        Assert.Contains("between 'embed.value' and 'embed.gate' the encoder computes something that is not a module call", error.Message);
        Assert.Contains("Module 'embed' (a Sdl.Export.Tests.Unexportable.GatedLayer) computes with its submodules otherwise than as a chain", error.Message);
        Assert.Contains("Tracing/EncoderPlan.cs, Onnx/OnnxEncoderExporter.cs and PyTorch/PyTorchScript.cs", error.Message);
    }

    [Fact]
    public void ResidualConnection_IsNamedWithTheModulesAroundIt()
    {
        using var model = new WithResidualMlp();
        var error = Assert.Throws<EncoderExportException>(() => OnnxExport.BuildEncoder(model, "Left"));
        Assert.Contains("View 'Left' cannot be exported: between 'fc2' and 'fc3' the encoder computes something that is not a module call", error.Message);
    }

    [Fact]
    public void LayerCalledWithForward_IsReported_NotSilentlyDropped()
    {
        using var model = new WithHiddenLayer();
        var error = Assert.Throws<EncoderExportException>(() => OnnxExport.BuildEncoder(model, "Left"));
        Assert.Contains("between the input and 'fc2'", error.Message);
        Assert.Contains("invoke every module with .call (not .forward)", error.Message);
    }

    [Fact]
    public void UnknownView_ListsTheViews()
    {
        using var model = new ConvKinds();
        var error = Assert.Throws<ArgumentException>(() => OnnxExport.BuildEncoder(model, "Middle"));
        Assert.StartsWith("Model 'ConvKinds' has no view 'Middle'; its views are Top, Bottom.", error.Message);
    }

    [Fact]
    public void Graph_HasADynamicBatch_TheDeclaredSampleShape_AndOnlyInitializersForWeights()
    {
        using var model = new ConvKinds();
        var graph = OnnxExport.BuildEncoder(model, "Top").Graph;
        var input = Assert.Single(graph.Input);
        Assert.Equal("input", input.Name);
        Assert.Equal(["batch", "", "", ""], input.Type.TensorType.Shape.Dim.Select(d => d.DimParam));
        Assert.Equal([0L, 1, 12, 12], input.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        var output = Assert.Single(graph.Output);
        Assert.Equal([0L, 6], output.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        // Dropout leaves nothing behind in evaluation mode; every layer with parameters becomes its operator.
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Dropout");
        Assert.Equal(2, graph.Node.Count(n => n.OpType == "Conv"));
        Assert.Equal(1, graph.Node.Count(n => n.OpType == "MaxPool"));
        Assert.Equal(1, graph.Node.Count(n => n.OpType == "LayerNormalization"));
        Assert.Equal(2, graph.Node.Count(n => n.OpType == "Relu"));
        Assert.Contains(graph.Initializer, i => i.Name == "Top.conv1.weight");
    }

    [Fact]
    public void TheLayerKindModels_ExerciseEveryDeclaredLayerKindAndActivation()
    {
        using var conv = new ConvKinds();
        using var dense = new DenseActivations();
        var operators = new[] { (MultiViewModule)conv, dense }
            .SelectMany(m => m.Info.Views.SelectMany(v => OnnxExport.BuildEncoder(m, v.Name).Graph.Node.Select(n => n.OpType)))
            .ToHashSet();
        // Dense, Conv2d, MaxPool2d, BatchNorm (1d and 2d, folded to Mul/Add), LayerNorm, Flatten/Reshape, and every
        // Activation (ReLU, Tanh, Sigmoid, GELU via Erf, LeakyReLU, ELU), fused and as ActivationLayer.
        Assert.Superset(new HashSet<string> { "MatMul", "Add", "Conv", "MaxPool", "Mul", "LayerNormalization", "Reshape", "Relu", "Tanh", "Sigmoid", "Erf", "LeakyRelu", "Elu" }, operators);
        Assert.Contains(conv.Summary().Split('\n'), line => line.Contains("Reshape"));
        Assert.Contains(conv.Summary().Split('\n'), line => line.Contains("Dropout"));
    }
}
