namespace Sdl.Examples.MnistSoftCca;

/// <summary>Which methods the job trains and compares.</summary>
public enum Objective
{
    /// <summary>Soft CCA (SDL), DCCA and linear CCA on the raw views, in one table.</summary>
    All,
    SoftCca,
    Dcca,
    LinearCca,
}

/// <summary>How the two views are made from each image.</summary>
public enum ViewKind
{
    /// <summary>Left and right image halves (392 + 392 pixels).</summary>
    Halves,
    /// <summary>Noisy-MNIST style: a rotated digit / another digit of the same class with noise.</summary>
    Noisy,
}

/// <summary>The command line, parsed.</summary>
public sealed record JobOptions(
    Objective Objective,
    string? DataDirectory,
    ViewKind Views,
    int Epochs,
    int EmbeddingSize,
    int BatchSize,
    double LearningRate,
    double Lambda,
    int? Patience,
    string OutputDirectory,
    int Seed,
    string Device,
    bool Resume);
