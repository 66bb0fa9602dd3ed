using System.Globalization;
using System.Text;
using TorchSharp;

namespace Sdl.Runtime.Models;

/// <summary>
/// Builds the table that generated models return from <c>Summary()</c>: one row per layer with its
/// output shape (per sample) and parameter count, and a total.
/// </summary>
public sealed class ModelSummary
{
    private readonly List<(string Layer, string Kind, string Shape, long Parameters)> rows = new();
    private readonly string title;

    /// <summary>Starts an empty table under the heading <paramref name="title"/>.</summary>
    public ModelSummary(string title) => this.title = title;

    /// <summary>Adds a layer; <paramref name="module"/> is null for steps without a module (reshapes, activations inside a dense layer).</summary>
    public ModelSummary Add(string layer, string kind, string shape, torch.nn.Module? module)
    {
        long parameters = module is null ? 0 : module.parameters().Sum(p => p.numel());
        rows.Add((layer, kind, shape, parameters));
        return this;
    }

    /// <summary>Adds a line that is not a layer (an objective, a decorrelation tap).</summary>
    public ModelSummary Note(string text)
    {
        notes.Add(text);
        return this;
    }

    private readonly List<string> notes = new();

    /// <summary>Adds several lines that are not layers (for example <see cref="Hyperparameters.Describe"/>).</summary>
    public ModelSummary Notes(IEnumerable<string> lines)
    {
        notes.AddRange(lines);
        return this;
    }

    /// <summary>The title, the layer table with its total parameter count, then the notes.</summary>
    public override string ToString()
    {
        const string LayerHeader = "Layer", KindHeader = "Kind", ShapeHeader = "Output shape", ParamHeader = "Parameters";
        int layerWidth = Math.Max(LayerHeader.Length, rows.Select(r => r.Layer.Length).DefaultIfEmpty(0).Max());
        int kindWidth = Math.Max(KindHeader.Length, rows.Select(r => r.Kind.Length).DefaultIfEmpty(0).Max());
        int shapeWidth = Math.Max(ShapeHeader.Length, rows.Select(r => r.Shape.Length).DefaultIfEmpty(0).Max());
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine($"{LayerHeader.PadRight(layerWidth)}  {KindHeader.PadRight(kindWidth)}  {ShapeHeader.PadRight(shapeWidth)}  {ParamHeader,12}");
        text.AppendLine(new string('-', layerWidth + kindWidth + shapeWidth + 18));
        foreach (var (layer, kind, shape, parameters) in rows)
            text.AppendLine($"{layer.PadRight(layerWidth)}  {kind.PadRight(kindWidth)}  {shape.PadRight(shapeWidth)}  {parameters.ToString("N0", CultureInfo.InvariantCulture),12}");
        text.AppendLine(new string('-', layerWidth + kindWidth + shapeWidth + 18));
        long total = rows.Sum(r => r.Parameters);
        text.AppendLine($"{"Total".PadRight(layerWidth + kindWidth + shapeWidth + 4)}  {total.ToString("N0", CultureInfo.InvariantCulture),12}");
        foreach (var note in notes) text.AppendLine(note);
        return text.ToString();
    }
}
