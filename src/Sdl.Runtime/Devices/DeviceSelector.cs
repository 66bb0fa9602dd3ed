using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Devices;

/// <summary>
/// Turns a device request ("auto", "cpu", "cuda", "cuda:1") into a TorchSharp device, at run time,
/// so one build serves CPU-only machines and machines with a GPU.
/// </summary>
public static class DeviceSelector
{
    /// <summary>"auto" (or null): CUDA when libtorch sees a GPU, else the CPU.</summary>
    public static Device Resolve(string? request)
    {
        var text = (request ?? "auto").Trim().ToLowerInvariant();
        if (text is "" or "auto") return cuda.is_available() ? CUDA : CPU;
        if (text == "cpu") return CPU;
        if (text.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new InvalidOperationException(
                    $"Device '{request}' was requested, but libtorch sees no CUDA device. This build uses the CPU TorchSharp package " +
                    "unless it is built with -p:SdlTorchBackend=cuda on a machine with a GPU; use --device cpu or auto.");
            if (text == "cuda") return CUDA;
            if (text.Length > 5 && text[4] == ':' && int.TryParse(text[5..], out int index) && index >= 0 && index < cuda.device_count())
                return new Device(DeviceType.CUDA, index);
            throw new ArgumentException($"Device '{request}' is not one of the {cuda.device_count()} CUDA devices (cuda:0..cuda:{cuda.device_count() - 1}).");
        }
        throw new ArgumentException($"Unknown device '{request}': use auto, cpu, cuda or cuda:<index>.");
    }

    /// <summary>A short description for logs: the device and, on the CPU, libtorch's thread count.</summary>
    public static string Describe(Device device) =>
        device.type == DeviceType.CPU ? $"cpu ({get_num_threads()} threads)" : device.ToString();
}
