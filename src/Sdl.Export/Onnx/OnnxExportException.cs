namespace Sdl.Export.Onnx;

/// <summary>
/// An encoder that cannot be written as ONNX: a module of a kind the exporter does not know, or
/// computation between modules that is neither a reshape nor a supported activation. The message
/// names the view and the module.
/// </summary>
public sealed class OnnxExportException : Exception
{
    public OnnxExportException(string message) : base(message) { }
}
