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

    /// <summary><c>[SoftCca]</c>.</summary>
    internal sealed record SoftCcaSpec(double Lambda) : ObjectiveSpec(Lambda)
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
}
