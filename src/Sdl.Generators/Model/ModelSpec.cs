using System.Linq;

namespace Sdl.Generators.Model
{
    /// <summary>Everything needed to emit one model class; holds no symbols, syntax or locations.</summary>
    internal sealed record ModelSpec(
        string? Namespace,
        EquatableArray<string> ContainingTypes,
        string ClassName,
        ObjectiveSpec Objective,
        EquatableArray<ViewSpec> Views)
    {
        /// <summary>The generated file's name: the full name of the type it completes.</summary>
        public string HintName => (Namespace is null ? "" : Namespace + ".") + string.Join(".", ContainingTypes.Select(t => t.Substring(t.LastIndexOf(' ') + 1))) + (ContainingTypes.Count > 0 ? "." : "") + ClassName + ".g.cs";
    }

    /// <summary>What parsing one <c>[MultiViewModel]</c> class yields: the model (null when an error was found) and the diagnostics.</summary>
    internal sealed record ModelResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
