using Sdl.Export.Tracing;
using Sdl.Runtime.Models;
using TorchSharp;
using TorchSharp.PyBridge;

namespace Sdl.Export.PyTorch;

/// <summary>
/// Weights in PyTorch's formats (through TorchSharp.PyBridge): whole-model <c>state_dict</c>s as a
/// PyTorch pickle (<c>torch.load</c>) or as safetensors, and per view an encoder that a PyTorch
/// user can run: its weights plus a generated Python module that rebuilds the architecture.
/// </summary>
public static class PyTorchExport
{
    /// <summary>Saves the whole model's state_dict (SDL buffers included) as a PyTorch pickle that <c>torch.load</c> reads.</summary>
    public static void SaveStateDict(MultiViewModule model, string path) => Atomically(path, temporary => model.save_py(temporary));

    /// <summary>Saves the whole model's state_dict as safetensors.</summary>
    public static void SaveSafetensors(MultiViewModule model, string path) => Atomically(path, temporary => model.save_safetensors(temporary));

    /// <summary>Loads a state_dict saved by PyTorch (<c>torch.save(model.state_dict(), path)</c>) or by <see cref="SaveStateDict"/>; every key must match.</summary>
    public static void LoadStateDict(MultiViewModule model, string path) => model.load_py(path, strict: true);

    /// <summary>Loads a safetensors state_dict; every key must match.</summary>
    public static void LoadSafetensors(MultiViewModule model, string path) => model.load_safetensors(path, strict: true);

    /// <summary>
    /// Writes, for every view, <c>{view}.pt</c> and <c>{view}.safetensors</c> (the encoder's
    /// state_dict, keys relative to the encoder; an FAE view's decoder layers are left out) and <c>{view}.py</c> (a PyTorch module with the same
    /// layers and names; <c>load()</c> returns it in evaluation mode with the weights loaded).
    /// Returns the Python files' paths, in view order.
    /// </summary>
    public static IReadOnlyList<string> ExportEncoders(MultiViewModule model, string directory)
    {
        Directory.CreateDirectory(directory);
        var scripts = new List<string>();
        foreach (var view in model.Info.Views)
        {
            var plan = EncoderLookup.Plan(model, view.Name);
            var script = PyTorchScript.Write(plan, model.Info.Name);
            var encoder = EncoderLookup.Encoder(model, view.Name);
            // Only what the encoder computes with: an FAE view's decoder layers stay behind.
            var traced = plan.Steps.OfType<ModuleStep>().Select(s => s.Name + ".").ToList();
            var skip = encoder.state_dict().Keys.Where(key => !traced.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal))).ToList();
            Atomically(Path.Combine(directory, $"{view.Name}.pt"), temporary => encoder.save_py(temporary, skip));
            Atomically(Path.Combine(directory, $"{view.Name}.safetensors"), temporary => encoder.save_safetensors(temporary, skip));
            var path = Path.Combine(directory, $"{view.Name}.py");
            Atomically(path, temporary => File.WriteAllText(temporary, script));
            scripts.Add(path);
        }
        return scripts;
    }

    static void Atomically(string path, Action<string> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
