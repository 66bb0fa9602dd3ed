using MyProject;
using Sdl.Export.Onnx;
using Sdl.Reports;
using Sdl.Runtime.Data;
using Sdl.Runtime.Training;

// Usage: dotnet run -- [left.npy] [right.npy] [epochs]
// Each .npy holds one view: shape (samples, features), rows aligned across the two files
// (np.save from Python; float32/float64/integer, C or Fortran order all read).
string left = args.Length > 0 ? args[0] : "data/left.npy";
string right = args.Length > 1 ? args[1] : "data/right.npy";
int epochs = args.Length > 2 ? int.Parse(args[2]) : 20;

var data = NumPyViews.Load([("Left", left), ("Right", right)]);
var split = DatasetSplit.Random(data, validationFraction: 0.1, testFraction: 0.1, seed: 1);
Console.WriteLine($"{data.Description}: {split.Train.Count:N0} train, {split.Validation.Count:N0} validation, {split.Test.Count:N0} test samples");

// Live bars on a terminal, plain lines when the output goes to a log (ProgressMode.Auto below).
LiveProgress.Enable();

using var model = new TwoViewModel();
Console.WriteLine(model.Summary());
var result = new Trainer(new TrainerOptions
{
    Epochs = epochs,
    BatchSize = 256,
    LearningRate = 1e-3,
    Seed = 1,
    ValidationTopK = TwoViewModel.Embedding,
    CheckpointDirectory = Path.Combine("runs", "checkpoints"),
    Progress = ProgressMode.Auto,
}).Fit(model, split.Train, split.Validation);
Console.WriteLine($"Total canonical correlation of the embeddings (validation, top {TwoViewModel.Embedding}): {result.History.First(e => e.Epoch == result.BestEpoch).ValidationScore:F3} (best of {result.History.Count} epoch(s))");

foreach (var path in OnnxExport.ExportEncoders(model, Path.Combine("runs", "onnx")))
    Console.WriteLine($"Encoder exported: {path}");
