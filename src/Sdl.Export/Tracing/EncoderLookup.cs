using Sdl.Runtime.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Export.Tracing;

/// <summary>Finds a view's encoder in a model and traces it.</summary>
public static class EncoderLookup
{
    /// <summary>
    /// The encoder module of view <paramref name="view"/>: the model's child whose component name is the view name
    /// (generated models name their encoder fields so; hand-written models should too).
    /// </summary>
    public static nn.Module<Tensor, Tensor> Encoder(MultiViewModule model, string view)
    {
        if (!model.Info.Views.Any(v => v.Name == view))
            throw new ArgumentException($"Model '{model.Info.Name}' has no view '{view}'; its views are {string.Join(", ", model.Info.Views.Select(v => v.Name))}.", nameof(view));
        foreach (var (name, child) in model.named_children())
            if (name == view)
                return child as nn.Module<Tensor, Tensor>
                    ?? throw new EncoderExportException($"The encoder of view '{view}' is a {child.GetType().FullName}, not a Module<Tensor, Tensor>; it cannot be exported.");
        throw new EncoderExportException($"Model '{model.Info.Name}' has no child module named '{view}' (children: {string.Join(", ", model.named_children().Select(c => c.name))}); the exporter finds a view's encoder by the view's name.");
    }

    internal static EncoderPlan Plan(MultiViewModule model, string view) =>
        EncoderPlan.Trace(Encoder(model, view), view, model.Info.Views.First(v => v.Name == view).InputShape);
}
