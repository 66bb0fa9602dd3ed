// The experiments behind docs/results.md. Each suite trains real models on real data and writes
// a Markdown table (mean ± standard deviation over seeds), a JSON file and a PNG to --out.
//
//   dotnet run -c Release --project examples/Experiments -- fair --dataset mnist --seeds 3 --budgets 20,60
//   dotnet run -c Release --project examples/Experiments -- fair --dataset fashion --seeds 3 --budgets 30 --tuned-on mnist
//   dotnet run -c Release --project examples/Experiments -- effectiveness --dataset mnist --seeds 3
//   dotnet run -c Release --project examples/Experiments -- effectiveness --dataset fashion --seeds 3 --epochs 4
//   dotnet run -c Release --project examples/Experiments -- classifier --dataset fashion --seeds 3
//   dotnet run -c Release --project examples/Experiments -- sweep --dataset mnist --seeds 3
//   dotnet run -c Release --project examples/Experiments -- convergence --dataset mnist --seeds 3
//   dotnet run -c Release --project examples/Experiments -- fae --dataset mnist --seeds 3
//   dotnet run -c Release --project examples/Experiments -- widths --dataset fashion --ks 10,128,512 --seeds 1
using Sdl.Examples.Experiments;
using Sdl.Examples.Experiments.Suites;
using Sdl.Reports;
using Sdl.Examples.CommandLine;

// Expected failures (bad options, missing data, a NaN loss, an unwritable file) end as one line and an exit code; --verbose adds the trace.
return ErrorExit.Run(() => Run(args.Where(a => a != "--verbose").ToArray()), ProgramArguments.Verbose(args));

static int Run(string[] args)
{
    var settings = ExperimentSettings.Parse(args);
    if (settings is null)
    {
        Console.Error.WriteLine(ExperimentSettings.Usage);
        return ExitCodes.BadInput;
    }
    TorchSharp.torch.set_num_threads(settings.Threads);
    LiveProgress.Enable(); // live bars on a terminal, plain lines in logs (ProgressMode.Auto)
    return settings.Suite switch
    {
        "fair" => FairComparisonSuite.Run(settings),
        "effectiveness" => EffectivenessSuite.Run(settings),
        "classifier" => ClassifierSuite.Run(settings),
        "sweep" => SweepSuite.Run(settings),
        "convergence" => ConvergenceSuite.Run(settings),
        "fae" => FaeSuite.Run(settings),
        "scale" => ScaleSuite.Run(settings),
        "widths" => WidthsSuite.Run(settings),
        _ => ExitCodes.BadInput,
    };
}
