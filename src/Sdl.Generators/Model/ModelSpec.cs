namespace Sdl.Generators.Model
{
    /// <summary>Everything needed to emit one model class; holds no symbols, syntax or locations.</summary>
    internal sealed record ModelSpec(
        TypeShape Type,
        ObjectiveSpec Objective,
        EquatableArray<ViewSpec> Views);

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
    }

    /// <summary>A type containing the model: its keyword (<c>class</c>, <c>record struct</c>, ...), name and type parameters.</summary>
    internal sealed record ContainingType(string Keyword, string Name, string TypeParameters);

    /// <summary>
    /// What an invalid model still gets, so that its diagnostic is the only error: the partial class with the module
    /// base, members that throw, and an implementation for each partial view property.
    /// </summary>
    internal sealed record SkeletonSpec(
        TypeShape Type,
        bool DerivesFromModule,
        bool WritesConstructors,
        EquatableArray<PropertyStub> Properties);

    /// <summary>A partial property the skeleton implements, spelled as the user declared it.</summary>
    internal sealed record PropertyStub(string Modifiers, string Type, string Name, EquatableArray<string> Accessors);

    /// <summary>What parsing one <c>[MultiViewModel]</c> class yields: the model or its skeleton, and the diagnostics.</summary>
    internal sealed record ModelResult(ModelSpec? Model, SkeletonSpec? Skeleton, EquatableArray<DiagnosticInfo> Diagnostics);
}
