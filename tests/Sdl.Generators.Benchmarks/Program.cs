using Sdl.Generators.Benchmarks;

// Usage: dotnet run -c Release --project tests/Sdl.Generators.Benchmarks [-- generation|training|all]
var which = args.FirstOrDefault() ?? "all";
if (which is "generation" or "all")
{
    var (cold, unrelated, oneModel, realComment, realRename) = GenerationBenchmark.Run();
    Console.WriteLine("Generation, 50 models (median of 30 runs):");
    Console.WriteLine($"  cold (new driver, new compilation)     {cold,8:F1} ms");
    Console.WriteLine($"  after an unrelated edit (warm driver)  {unrelated,8:F1} ms");
    Console.WriteLine($"  after renaming a layer in one model    {oneModel,8:F1} ms");
    Console.WriteLine($"  real edit: comment in one model's file, new compilation  {realComment,8:F1} ms");
    Console.WriteLine($"  real edit: layer renamed in one model, new compilation   {realRename,8:F1} ms");
}
if (which is "training" or "all")
{
    var (generated, handWritten, ratio) = TrainingStepBenchmark.Run();
    Console.WriteLine("Training step, MNIST-halves model 392-1024-1024-50 x2, batch 256, Adam, 1 libtorch thread (medians of 41 interleaved rounds of 3 steps):");
    Console.WriteLine($"  generated     {generated,8:F2} ms");
    Console.WriteLine($"  hand-written  {handWritten,8:F2} ms");
    Console.WriteLine($"  median per-round ratio generated / hand-written  {ratio:F3} (target <= 1.03)");
}
