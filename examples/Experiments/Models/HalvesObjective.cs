using Sdl.Dsl;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;

namespace Sdl.Examples.Experiments.Models;

/// <summary>
/// One method of the halves comparison with its settings chosen at run time, for the sweeps: it
/// builds the declared model (Models/HalvesModels.cs) that the objective names, with the settings
/// as construction-time overrides (<see cref="ModelOptions"/>), so every run trains generated code.
/// <see cref="Objective"/> is the objective's name (<see cref="ModelInfo.ObjectiveName"/>).
/// </summary>
public sealed record HalvesObjective(string Label, string Objective)
{
    public DecorrelationMethod Method { get; init; } = DecorrelationMethod.Sdl;
    public SdlNorm Norm { get; init; } = SdlDefaults.Norm;
    public double Alpha { get; init; } = SdlDefaults.Alpha;
    public double Lambda { get; init; } = SdlDefaults.SoftCcaLambda;
    public double Ridge { get; init; } = SdlDefaults.DccaRidge;
    public EyPenalty Penalty { get; init; } = SdlDefaults.EyPenalty;
    public double OffDiagonalWeight { get; init; } = BarlowTwinsAttribute.DefaultOffDiagonalWeight;

    public static HalvesObjective SoftCca(SdlNorm norm, double alpha, double lambda, DecorrelationMethod method = DecorrelationMethod.Sdl) =>
        new(method == DecorrelationMethod.Sdl ? $"Soft CCA, {(norm == SdlNorm.Squared ? "squared" : "L1")} SDL α = {alpha:G}, λ = {lambda:G}" : $"Soft CCA, {method} λ = {lambda:G}", "SoftCca")
        { Norm = norm, Alpha = alpha, Lambda = lambda, Method = method };

    public static HalvesObjective Dcca(double ridge) => new($"DCCA, ridge {ridge:G}", "Dcca") { Ridge = ridge };

    public static HalvesObjective DccaEy(EyPenalty penalty) => new($"DCCA-EY, {(penalty == EyPenalty.IndependentHalves ? "unbiased halves" : "same batch")}", "DccaEy") { Penalty = penalty };

    public static HalvesObjective BarlowTwins(double offDiagonalWeight) => new($"Barlow Twins, λ_BT = {offDiagonalWeight:G}", "BarlowTwins") { OffDiagonalWeight = offDiagonalWeight };

    /// <summary>The declared model with these settings.</summary>
    public MultiViewModule Create() => Objective switch
    {
        "SoftCca" => Method switch
        {
            DecorrelationMethod.Sdl => new SoftCcaSdl(new ModelOptions { Alpha = Alpha, Lambda = Lambda, Norm = Norm }),
            DecorrelationMethod.DeCov => new SoftCcaDeCov(new ModelOptions { Lambda = Lambda }),
            DecorrelationMethod.None => new SoftCcaNoDecorrelation(),
            _ => throw new ArgumentOutOfRangeException(nameof(Method), Method, "Unknown decorrelation."),
        },
        "Dcca" => new ExactDcca(new ModelOptions { Objective = new DccaOptions { Ridge = Ridge } }),
        "DccaEy" => new DccaEyHalves(new ModelOptions { Objective = new DccaEyOptions { Penalty = Penalty } }),
        "BarlowTwins" => new BarlowTwinsHalves(new ModelOptions { Objective = new BarlowTwinsOptions { OffDiagonalWeight = OffDiagonalWeight } }),
        _ => throw new ArgumentException($"The halves comparison has no {Objective} objective.", nameof(Objective)),
    };
}
