using Sdl.Dsl;

namespace Sdl.Generators.Model
{
    /// <summary>The model's objective and all its hyperparameters (unused ones keep their defaults).</summary>
    internal sealed record ObjectiveSpec(
        ObjectiveKind Kind,
        double Lambda,
        int TopK,
        double Ridge,
        double EigenvalueFloor,
        bool UseFloat64,
        int BatchSize,
        int Shared,
        int Private,
        double Beta,
        int Classes,
        EyPenalty Penalty);
}
