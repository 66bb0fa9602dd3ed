namespace Sdl.Export;

/// <summary>
/// An encoder that cannot be exported (to ONNX or as a PyTorch module): a module of a kind the
/// exporter does not know, or computation between modules that is neither a reshape nor a
/// supported activation. The message names the view and the module.
/// </summary>
public sealed class EncoderExportException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> names the view and the module that cannot be exported.</summary>
    public EncoderExportException(string message) : base(message) { }
}
