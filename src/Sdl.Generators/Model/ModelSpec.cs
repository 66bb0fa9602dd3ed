namespace Sdl.Generators.Model
{
    /// <summary>
    /// Everything needed to emit one model class; holds no symbols, syntax or locations. <see cref="DeclaresSummary"/>:
    /// the user wrote <c>Summary()</c>, so the generated one is left out.
    /// </summary>
    internal sealed record ModelSpec(
        TypeShape Type,
        ObjectiveSpec Objective,
        EquatableArray<ViewSpec> Views,
        bool DeclaresSummary = false);

    /// <summary>
    /// Where the model class lives and how its declaration is spelled: namespace, the containing types,
    /// its own name and type parameter list (<c>&lt;T, U&gt;</c> or empty), and its kind as a skeleton spells it
    /// (<c>class</c>; <c>record</c> and <c>static class</c> only for the skeletons of refused declarations).
    /// </summary>
    internal sealed record TypeShape(
        string? Namespace,
        EquatableArray<ContainingType> ContainingTypes,
        string ClassName,
        string TypeParameters,
        string Keyword = "class")
    {
        /// <summary>The generated file's name: the full name of the type it completes (<c>&lt;&gt;</c> spelled <c>{}</c>).</summary>
        public string HintName =>
            ((Namespace is null ? "" : Namespace + ".")
             + string.Concat(System.Linq.Enumerable.Select(ContainingTypes, t => t.Name + t.TypeParameters + "."))
             + ClassName + TypeParameters)
            .Replace('<', '{').Replace('>', '}').Replace(" ", "").Replace("@", "") + ".g.cs";

        /// <summary>
        /// The hint name when another model's equals it up to case (<c>Pair</c>, <c>PAIR</c>: hint names are compared ignoring
        /// case, as on case-insensitive file systems) or exactly (namespace <c>A.B</c> class <c>C</c>, class <c>A.B</c> nested
        /// <c>C</c>): a stable hash of the exact, structured full name keeps the two apart.
        /// </summary>
        public string DistinctHintName
        {
            get
            {
                var full = (Namespace ?? "") + "::" + string.Join("+", System.Linq.Enumerable.Select(ContainingTypes, t => t.Name + t.TypeParameters)) + "+" + ClassName + TypeParameters;
                uint hash = 2166136261;
                foreach (char c in full) hash = (hash ^ c) * 16777619; // FNV-1a: the same on every run and machine, unlike string.GetHashCode
                return HintName.Substring(0, HintName.Length - ".g.cs".Length) + "." + hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
            }
        }
    }

    /// <summary>A type containing the model: its keyword (<c>class</c>, <c>record struct</c>, ...), name and type parameters.</summary>
    internal sealed record ContainingType(string Keyword, string Name, string TypeParameters);

    /// <summary>
    /// What an invalid model still gets, so that its diagnostic is the only error: the partial class with the module
    /// base, members that throw, and an implementation for each partial view property. <see cref="Overrides"/> names the
    /// abstract module members it implements (those neither the user nor a base class of theirs wrote); <see cref="WritesHook"/>
    /// is false when the user declared a member named OnCreated (SDL0038), which the hook's declaration would clash with.
    /// </summary>
    internal sealed record SkeletonSpec(
        TypeShape Type,
        bool DerivesFromModule,
        bool WritesConstructors,
        EquatableArray<PropertyStub> Properties,
        EquatableArray<string> Overrides,
        bool WritesHook);

    /// <summary>A partial property the skeleton implements, spelled as the user declared it.</summary>
    internal sealed record PropertyStub(string Modifiers, string Type, string Name, EquatableArray<string> Accessors);

    /// <summary>What parsing one <c>[MultiViewModel]</c> class yields: the model or its skeleton, and the diagnostics.</summary>
    internal sealed record ModelResult(ModelSpec? Model, SkeletonSpec? Skeleton, EquatableArray<DiagnosticInfo> Diagnostics);
}
