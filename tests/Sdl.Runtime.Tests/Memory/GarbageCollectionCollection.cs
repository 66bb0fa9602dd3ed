namespace Sdl.Runtime.Tests.Memory;

/// <summary>
/// Tests that count garbage collections run alone, after the parallel tests: other tests (the
/// scalar-lifetime stress tests among them) collect on purpose, and any collection in the process
/// shows in the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GarbageCollectionCollection
{
    public const string Name = "Garbage collection (counts every collection in the process)";
}
