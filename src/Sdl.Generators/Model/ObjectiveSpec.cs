using Sdl.Dsl;

namespace Sdl.Generators.Model
{
    /// <summary>
    /// The model's objective: one record per kind, each with only its own settings (plus λ, which every objective
    /// has). Code that needs one kind's settings matches that record; code over all kinds switches on <see cref="Kind"/>
    /// in switch expressions without a discard arm, so a new kind does not compile (CS8509) until every switch has it.
    /// </summary>
    internal abstract record ObjectiveSpec(double Lambda)
    {
        public abstract ObjectiveKind Kind { get; }
    }

    /// <summary><c>[SoftCca]</c>; <see cref="LambdaFollowsWidth"/> when λ is not written (its default depends on the width).</summary>
    internal sealed record SoftCcaSpec(double Lambda, bool LambdaFollowsWidth) : ObjectiveSpec(Lambda)
    {
        public override ObjectiveKind Kind => ObjectiveKind.SoftCca;
    }

    /// <summary><c>[Dcca]</c>; <see cref="BatchSize"/> only feeds warning SDL0013.</summary>
    internal sealed record DccaSpec(double Lambda, int TopK, double Ridge, double EigenvalueFloor, bool UseFloat64, int BatchSize) : ObjectiveSpec(Lambda)
    {
        public override ObjectiveKind Kind => ObjectiveKind.Dcca;
    }

    /// <summary><c>[DccaEy]</c>.</summary>
    internal sealed record DccaEySpec(double Lambda, EyPenalty Penalty) : ObjectiveSpec(Lambda)
    {
        public override ObjectiveKind Kind => ObjectiveKind.DccaEy;
    }

    /// <summary><c>[Fae]</c>.</summary>
    internal sealed record FaeSpec(double Lambda, int Shared, int Private, double Beta) : ObjectiveSpec(Lambda)
    {
        public override ObjectiveKind Kind => ObjectiveKind.Fae;
    }

    /// <summary><c>[Supervised]</c>.</summary>
    internal sealed record SupervisedSpec(double Lambda, int Classes) : ObjectiveSpec(Lambda)
    {
        public override ObjectiveKind Kind => ObjectiveKind.Supervised;
    }

    /// <summary>
    /// An objective declared by an attribute marked <c>[ObjectiveRuntime]</c>: the generator knows only what the marker
    /// says (runtime type, view counts, equal widths) and passes the attribute's named arguments to the settings record.
    /// </summary>
    /// <param name="Lambda">λ.</param>
    /// <param name="Attribute">The attribute's short name, also the runtime <c>ObjectiveKind</c> member.</param>
    /// <param name="RuntimeType">The objective's runtime type, fully qualified with <c>global::</c>.</param>
    /// <param name="MinViews">Fewest views.</param>
    /// <param name="MaxViews">Most views; 0 for no limit.</param>
    /// <param name="EqualEmbeddings">Whether all embeddings must have one width.</param>
    /// <param name="Settings">The named arguments other than Lambda, as C# literals, in source order.</param>
    internal sealed record CustomSpec(double Lambda, string Attribute, string RuntimeType, int MinViews, int MaxViews, bool EqualEmbeddings, EquatableArray<SettingSpec> Settings) : ObjectiveSpec(Lambda)
    {
        public override ObjectiveKind Kind => ObjectiveKind.Custom;

        /// <summary>The settings record: the runtime type's name with <c>Objective</c> replaced by <c>Settings</c>.</summary>
        public string SettingsType => (RuntimeType.EndsWith("Objective") ? RuntimeType.Substring(0, RuntimeType.Length - "Objective".Length) : RuntimeType) + "Settings";
    }

    /// <summary>One setting of a <see cref="CustomSpec"/>: a property name and its value as a C# literal.</summary>
    internal sealed record SettingSpec(string Name, string Literal);
}
