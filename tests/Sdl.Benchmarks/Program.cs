// Loss-cost benchmarks, measured as ratios side by side in one run (never as timed unit tests).
// Usage: dotnet run -c Release --project tests/Sdl.Benchmarks -- [sdl|objectives|dcca-small-batch|sdl-parts|sdl-warm [k]|step-scaling|pytorch|trainer|larger-than-memory [dir]|all] [--threads N] [--malloc default]
// With --threads 1 the timings are the calling thread's CPU time (robust to a shared, loaded machine).
using Sdl.Benchmarks;
using Sdl.Benchmarks.Suites;
using Sdl.Runtime.Interop;
using static TorchSharp.torch;

string suite = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
int threadsIndex = Array.IndexOf(args, "--threads");
int threads = threadsIndex >= 0 && threadsIndex + 1 < args.Length ? int.Parse(args[threadsIndex + 1]) : Environment.ProcessorCount;
set_num_threads(threads);
set_num_interop_threads(1);
// Thread CPU time measures the work of a single-threaded run even when other jobs preempt it;
// with several torch threads the work is spread over threads, so wall-clock time is used.
Clock.UseThreadCpuTime = threads == 1 && Clock.ThreadCpuTimeAvailable;

if (suite == LargerThanMemory.ChildSuite)
{
    LargerThanMemory.RunChild(args[1], args[2], args[3]);
    return 0;
}

// Allocator thresholds pinned unless asked otherwise, so that a variant's time does not depend on
// whether glibc happened to hand it fresh pages: in sdl-parts the L1 SDL at k = 256 flipped between
// 2.0 and 3.4 GEMMs from one run to the next with glibc's defaults (the runtime's NativeAllocator says
// more). Not for the memory suite, whose figure is the peak resident memory (its Trainer.Fit pins the
// trainer's own, smaller thresholds, as a user's would). `--malloc default` leaves glibc's behaviour
// until a Trainer pins it.
int mallocIndex = Array.IndexOf(args, "--malloc");
bool mallocDefault = mallocIndex >= 0 && mallocIndex + 1 < args.Length && args[mallocIndex + 1] == "default";
if (!mallocDefault && suite != "larger-than-memory") NativeAllocator.PinThresholds(mmapThresholdBytes: 64 << 20, trimThresholdBytes: 256 << 20);

if (suite == StepScaling.ChildSuite)
{
    // After the allocator setting: the parent passes its --malloc on (a child with glibc's defaults took
    // 1.5 times as long per step at m = 1024 as one with the thresholds pinned).
    StepScaling.RunChild(args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]));
    return 0;
}

Console.WriteLine($"# Sdl.Benchmarks: {suite}");
Console.WriteLine(MachineDescription.Header(threads));
Console.WriteLine();

switch (suite)
{
    case "sdl": SdlVersusGemm.Run(Console.Out, [256, 1024, 2048]); break;
    case "objectives": Objectives(); break;
    case "dcca-small-batch": ObjectivesVersusDcca.RunSmallBatch(Console.Out, batch: 256, [64, 200, 255, 256, 257, 300, 512]); break;
    case "sdl-parts": foreach (int k in new[] { 256, 1024, 2048 }) SdlParts.Run(Console.Out, k); break;
    case "trainer": TrainerVersusBareLoop.Run(Console.Out); break;
    case "sdl-warm": SdlWarmLoop.Run(args.Length > 1 && int.TryParse(args[1], out int width) ? width : 256); break;
    case "step-scaling": StepScaling.Run(Console.Out, [50, 128, 256, 512, 1024, 2048]); break;
    case "pytorch": PyTorchStep.Run(Console.Out); break;
    case "larger-than-memory": LargerThanMemory.Run(Console.Out, args.Length > 1 && !args[1].StartsWith("--") ? args[1] : Path.Combine(Path.GetTempPath(), "sdl-larger-than-memory")); break;
    case "all":
        SdlVersusGemm.Run(Console.Out, [256, 1024, 2048]);
        Objectives();
        break;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Use sdl, objectives, dcca-small-batch, sdl-parts, sdl-warm, step-scaling, pytorch, trainer, larger-than-memory or all.");
        return 2;
}
return 0;

static void Objectives()
{
    ObjectivesVersusDcca.Run(Console.Out, [50, 128, 256, 512, 1024, 2048]);
    ObjectivesVersusDcca.RunSmallBatch(Console.Out, batch: 256, [64, 200, 255, 256, 257, 300, 512]);
}
