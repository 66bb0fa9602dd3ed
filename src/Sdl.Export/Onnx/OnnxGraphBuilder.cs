using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Export.Onnx;

/// <summary>Accumulates ONNX nodes and float32 initializers with unique names.</summary>
internal sealed class OnnxGraphBuilder
{
    readonly GraphProto graph = new();
    readonly HashSet<string> names = [];
    int counter;

    public GraphProto Graph => graph;

    /// <summary>A fresh value name with the given stem.</summary>
    public string Fresh(string stem)
    {
        var name = stem;
        while (!names.Add(name)) name = $"{stem}_{++counter}";
        return name;
    }

    /// <summary>Adds a float32 initializer from a tensor (copied to the CPU) and returns its name; the same name is reused when already present.</summary>
    public string Initializer(string name, Tensor value, params long[]? shape)
    {
        if (graph.Initializer.Any(i => i.Name == name)) return name;
        names.Add(name);
        using var cpu = value.detach().cpu().to(float32).contiguous();
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape is { Length: > 0 } ? shape : cpu.shape);
        var data = cpu.data<float>().ToArray();
        var bytes = new byte[data.Length * 4];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian.");
        proto.RawData = ByteString.CopyFrom(bytes);
        graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>A scalar float32 constant.</summary>
    public string Scalar(string stem, float value)
    {
        using var tensor = torch.tensor(value);
        return Initializer(Fresh(stem), tensor, []);
    }

    /// <summary>An int64 constant (shapes for Reshape).</summary>
    public string Int64s(string stem, params long[] values)
    {
        var name = Fresh(stem);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>Adds a node and returns its (single) output name.</summary>
    public string Node(string opType, string stem, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = Fresh(stem);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A float32 tensor value whose first dimension is the dynamic batch.</summary>
    public static ValueInfoProto BatchTensor(string name, IEnumerable<long> sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (var size in sampleShape) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
