using Sdl.Runtime.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Runtime.Models;

/// <summary>
/// A loss and the weighted terms it is the sum of (for example <c>distance</c> and
/// <c>sdl(Left.embed)</c>), so that training logs and the NaN guard can name the culprit.
/// </summary>
public sealed class LossBreakdown
{
    /// <summary>Wraps a total and its weighted terms as given; <see cref="Sum"/> builds both from unweighted terms.</summary>
    public LossBreakdown(Tensor total, IReadOnlyList<KeyValuePair<string, Tensor>> terms)
    {
        Total = total;
        Terms = terms;
    }

    /// <summary>The scalar to back-propagate: the sum of <see cref="Terms"/>.</summary>
    public Tensor Total { get; }

    /// <summary>Each term already multiplied by its weight, in a stable order.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Terms { get; }

    /// <summary>Sums named weighted terms into a breakdown; a term with weight 0 is left out.</summary>
    public static LossBreakdown Sum(IEnumerable<(string Name, Tensor Value, double Weight)> terms)
    {
        var weighted = new List<KeyValuePair<string, Tensor>>();
        Tensor? total = null;
        using var scalars = new HeldScalars();
        foreach (var (name, value, weight) in terms)
        {
            if (weight == 0) continue;
            var term = weight == 1 ? value : value.mul(scalars[weight]);
            weighted.Add(new(name, term));
            total = total is null ? term : scalars.Add(total, term);
        }
        if (total is null) throw new ArgumentException("A loss needs at least one term with a non-zero weight.", nameof(terms));
        return new LossBreakdown(total, weighted);
    }

    /// <summary>The terms as plain numbers (copies them to the host).</summary>
    public IReadOnlyDictionary<string, double> ToValues()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["total"] = HeldScalars.Read(Total) };
        foreach (var (name, value) in Terms) values[name] = HeldScalars.Read(value);
        return values;
    }
}
