using ScottPlot;

namespace Sdl.Reports;

/// <summary>
/// One colour per method, keyed by its name, so a method has the same colour in every figure the
/// project draws (learning curves, correlation spectrum, and any plot added later): a reader who
/// learns "DCCA is red" in one PNG can rely on it in the next.
/// </summary>
/// <remarks>
/// The methods of the main job have fixed colours from the Category10 palette; any other name gets
/// one of the remaining Category10 colours chosen by a stable hash of the name (the same on every
/// machine and run, unlike <see cref="string.GetHashCode()"/>).
/// </remarks>
public static class MethodColors
{
    static readonly Dictionary<string, Color> Fixed = new(StringComparer.Ordinal)
    {
        ["Soft CCA (SDL)"] = Color.FromHex("#1f77b4"),          // blue
        ["DCCA"] = Color.FromHex("#d62728"),                    // red
        ["DCCA-EY"] = Color.FromHex("#2ca02c"),                 // green
        ["Soft CCA (L1 SDL)"] = Color.FromHex("#9467bd"),       // purple
        ["Linear CCA (raw views)"] = Color.FromHex("#7f7f7f"),  // grey
    };

    /// <summary>Category10 colours not taken by <see cref="Fixed"/>: orange, brown, pink, olive, cyan.</summary>
    static readonly Color[] Others = new[] { "#ff7f0e", "#8c564b", "#e377c2", "#bcbd22", "#17becf" }.Select(Color.FromHex).ToArray();

    /// <summary>The colour of <paramref name="method"/> (a <see cref="MethodResult.Method"/> name).</summary>
    public static Color Of(string method)
    {
        if (Fixed.TryGetValue(method, out var color)) return color;
        // FNV-1a over the UTF-16 code units: stable across processes and platforms.
        uint hash = 2166136261;
        foreach (char c in method) hash = (hash ^ c) * 16777619;
        return Others[hash % (uint)Others.Length];
    }
}
