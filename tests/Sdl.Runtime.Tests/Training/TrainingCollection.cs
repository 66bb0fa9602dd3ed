namespace Sdl.Runtime.Tests.Training;

/// <summary>
/// Training tests seed libtorch's process-wide generator and expect to be its only user (dropout,
/// initialisation), so they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "Training (exclusive use of libtorch's global generator)";
}
