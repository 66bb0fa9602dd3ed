// The experiments behind docs/results.md. Each suite trains real models on real data and writes
// a Markdown table (mean ± standard deviation over seeds), a JSON file and a PNG to --out.
//
//   dotnet run -c Release --project examples/Experiments -- effectiveness --dataset mnist --seeds 3
//   dotnet run -c Release --project examples/Experiments -- effectiveness --dataset fashion --seeds 3 --epochs 4
//   dotnet run -c Release --project examples/Experiments -- classifier --dataset fashion --seeds 3
//   dotnet run -c Release --project examples/Experiments -- sweep --dataset mnist --seeds 3
//   dotnet run -c Release --project examples/Experiments -- convergence --dataset mnist --seeds 3
//   dotnet run -c Release --project examples/Experiments -- fae --dataset mnist --seeds 3
using Sdl.Examples.Experiments;
using Sdl.Examples.Experiments.Suites;

var settings = ExperimentSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine(ExperimentSettings.Usage);
    return 2;
}
TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
return settings.Suite switch
{
    "effectiveness" => EffectivenessSuite.Run(settings),
    "classifier" => ClassifierSuite.Run(settings),
    "sweep" => SweepSuite.Run(settings),
    "convergence" => ConvergenceSuite.Run(settings),
    "fae" => FaeSuite.Run(settings),
    _ => 2,
};
