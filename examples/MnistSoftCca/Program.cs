using System.CommandLine;
using Sdl.Examples.MnistSoftCca;
using Sdl.Examples.CommandLine;
using Sdl.Runtime.Training;

// Before anything is parsed: under LANG=de_DE "--lr 0.001" would otherwise read as 1.
ProgramCulture.UseInvariant();

// The README's first command: trains Soft CCA (SDL) on the embedded MNIST halves and compares it
// with linear CCA on the raw halves and with DCCA trained under the same budget.
var objective = new Option<Objective>("--objective") { Description = "What to train: all (compare), softcca (squared SDL), softccal1 (L1 SDL), dccaey, dcca or linearcca.", DefaultValueFactory = _ => Objective.All };
var data = new Option<string?>("--data") { Description = "A folder of IDX files (train-*/t10k-*, e.g. /usr/share/datasets/fashion-mnist). Default: the embedded 10,000 MNIST digits." };
var epochs = new Option<int>("--epochs") { Description = "Training epochs per deep method (60: where Soft CCA with the squared SDL reaches exact DCCA).", DefaultValueFactory = _ => 60 };
var embedding = new Option<int>("--embedding") { Description = "Embedding size of every deep method (any width ≥ 2), and the k of the top-k total correlation.", DefaultValueFactory = _ => 50 };
var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 256 };
var learningRate = new Option<double?>("--lr") { CustomParser = Number, Description = "Adam learning rate of every deep method. Default: each method's rate chosen on validation (3e-3; 1e-3 for the L1 SDL)." };
var schedule = new Option<LearningRateSchedule?>("--schedule") { Description = "How each deep method's learning rate moves: Constant, Cosine (decay to 0 over --epochs after the warm-up) or StepDecay. Default: Constant." };
var warmup = new Option<double?>("--warmup") { CustomParser = Number, Description = "Epochs of linear learning-rate warm-up before the schedule (fractions allowed). Default: 2 (half the run if --epochs is below 4), chosen on validation." };
var patience = new Option<int?>("--patience") { Description = "Stop a method after this many epochs without a better validation total correlation." };
var output = new Option<string>("--output") { Description = "Folder for the report, plots, checkpoints and logs. A folder holding an earlier run is refused unless --resume or --restart is given.", DefaultValueFactory = _ => Path.Combine("runs", "mnist-soft-cca") };
var seed = new Option<int>("--seed") { Description = "Seed of the split, the initialisation and the batch order.", DefaultValueFactory = _ => 1 };
var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:<n>.", DefaultValueFactory = _ => "auto" };
var resume = new Option<bool>("--resume") { Description = "Continue the interrupted run in the output folder from its checkpoints." };
var restart = new Option<bool>("--restart") { Description = "Delete the earlier run in the output folder (report, checkpoints, logs) and start afresh." };
var alpha = new Option<double?>("--alpha") { CustomParser = Number, Description = "SDL's running-average factor α in [0, 1) for both Soft CCA models. Default: the declared one (0 squared, 0.5 L1)." };
var lambda = new Option<double?>("--lambda") { CustomParser = Number, Description = "Weight λ ≥ 0 of the SDL terms of both Soft CCA models. Default: 0.3 for the L1 model; for the squared model 0.3 up to --embedding 50, then 0.3 · (50 / k)^1.5." };
var verbose = new Option<bool>("--verbose") { Description = "On an error, print the stack trace after the one-line message." };

var root = new RootCommand("Soft CCA with the Stochastic Decorrelation Loss on two views of MNIST, compared with linear CCA and DCCA.")
{
    objective, data, epochs, embedding, batchSize, learningRate, schedule, warmup, alpha, lambda, patience, output, seed, device, resume, restart, verbose,
};
root.SetAction(result => MainJob.Run(new JobOptions(
    result.GetValue(objective),
    result.GetValue(data),
    result.GetValue(epochs),
    result.GetValue(embedding),
    result.GetValue(batchSize),
    result.GetValue(learningRate),
    result.GetValue(patience),
    result.GetValue(output)!,
    result.GetValue(seed),
    result.GetValue(device)!,
    result.GetValue(resume),
    result.GetValue(restart),
    result.GetValue(verbose),
    result.GetValue(alpha),
    result.GetValue(lambda),
    result.GetValue(schedule),
    result.GetValue(warmup))));

// Exit codes (Sdl.Examples.CommandLine.ExitCodes): 0 done, 2 bad input (found before any work),
// 3 training or evaluation failed, 4 a checkpoint or result file not written, 1 unexpected.
var parsed = root.Parse(args);
// Malformed options are bad input like any other: one line each and the bad-input exit code (help still works).
if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    return ExitCodes.BadInput;
}
return parsed.Invoke();

// Numbers are read with a decimal point in every locale; a comma is an error that says so.
static double? Number(System.CommandLine.Parsing.ArgumentResult result)
{
    var option = result.Parent is System.CommandLine.Parsing.OptionResult parent ? parent.Option.Name : "the option";
    try
    {
        return ProgramArguments.Number(option, result.Tokens.Single().Value);
    }
    catch (OptionException e)
    {
        result.AddError(e.Message);
        return null;
    }
}
