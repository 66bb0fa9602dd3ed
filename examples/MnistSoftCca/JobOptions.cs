namespace Sdl.Examples.MnistSoftCca;

/// <summary>Which methods the job trains and compares.</summary>
public enum Objective
{
    /// <summary>Soft CCA (squared SDL), Soft CCA (L1 SDL), DCCA-EY, DCCA and linear CCA on the raw views, in one table.</summary>
    All,
    SoftCca,
    SoftCcaL1,
    DccaEy,
    Dcca,
    LinearCca,
}

/// <summary>The command line, parsed.</summary>
public sealed record JobOptions(
    Objective Objective,
    string? DataDirectory,
    int Epochs,
    int EmbeddingSize,
    int BatchSize,
    double LearningRate,
    int? Patience,
    string OutputDirectory,
    int Seed,
    string Device,
    bool Resume);
