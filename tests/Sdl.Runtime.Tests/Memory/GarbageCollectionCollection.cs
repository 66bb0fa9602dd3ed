namespace Sdl.Runtime.Tests.Memory;

/// <summary>
/// Tests that count garbage collections or force them run alone, after the parallel tests: any
/// collection in the process shows in the counts, and the scalar-lifetime stress tests' constant
/// collections finalise other tests' implicit TorchSharp Scalars while libtorch still reads them; glibc's
/// process-wide mapped-block count (NativeAllocatorTests) is read here too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GarbageCollectionCollection
{
    public const string Name = "Garbage collection (counts every collection in the process)";
}
