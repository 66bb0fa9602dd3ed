// Side-by-side timings of whole training steps (encoders + objective + Adam), in one run:
//   pytorch [m] [k] [steps]   the Soft CCA step here and in PyTorch (softcca_step.py)
//   scaling [m] [steps]       Soft CCA (SDL) versus exact DCCA as the embedding grows:
//                             median step time and peak memory, each configuration in a fresh process
// Usage: dotnet run -c Release --project tests/Sdl.Comparison -- <suite> [...]
using Sdl.Comparison;

return args.FirstOrDefault() switch
{
    "pytorch" => PyTorchComparison.Run(args.Skip(1).ToArray()),
    "scaling" => ScalingComparison.Run(args.Skip(1).ToArray()),
    ScalingComparison.ChildFlag => ScalingComparison.RunChild(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Sdl.Comparison pytorch [m] [k] [steps] | scaling [m] [steps]");
    return 2;
}
