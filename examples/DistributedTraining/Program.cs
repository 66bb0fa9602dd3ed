using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Sdl.Examples.MnistSoftCca.Models;
using Sdl.Export.PyTorch;
using Sdl.Export.PyTorch.Training;
using Sdl.Runtime.Data;
using Sdl.Runtime.Models;
using Sdl.Runtime.Metrics;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

// When one machine is not enough: export a declared model as a PyTorch training package, train it
// under torchrun, and bring the weights back. The main job's model (Soft CCA with SDL on the MNIST
// halves) and data are the default; --assembly/--model export any declared model of a user's assembly.
//
//   export DIR [--epochs N] [--batch-size N] [--lr X] [--seed N] [--embedding K]   package in DIR/package, MNIST halves in DIR/data
//   export DIR --assembly PATH.dll --model TYPE                                      package of a user's model (no data)
//   evaluate WEIGHTS.safetensors [--seed N] [--embedding K]                          test correlation of torchrun's weights, in C#
//   train [--epochs N] [--batch-size N] [--lr X] [--seed N] [--embedding K] [--from WEIGHTS]   the C# trainer, same budget (or continuing)

static string Option(string[] args, string name, string fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static int Int(string[] args, string name, int fallback) => int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

static double Real(string[] args, string name, double fallback) => double.Parse(Option(args, name, fallback.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

// The main job's split of the embedded MNIST subset: 70% train, 10% validation, 20% test.
static DatasetSplit Split(int seed) =>
    DatasetSplit.Random(ImageViews.LeftRightHalves(ImageDataSource.LoadEmbedded().Train), validationFraction: 0.1, testFraction: 0.2, seed);

static double TestCorrelation(MultiViewModule model, DatasetSplit split, int topK)
{
    using var scope = NewDisposeScope();
    var train = ModelEmbeddings.Compute(model, split.Train, 500, CPU);
    var test = ModelEmbeddings.Compute(model, split.Test, 500, CPU);
    return CorrelationEvaluation.Evaluate(train[0], train[1], test[0], test[1], topK).Total;
}

if (args.Length == 0 || args[0] is not ("export" or "evaluate" or "train"))
{
    Console.Error.WriteLine("usage: DistributedTraining export DIR | evaluate WEIGHTS.safetensors | train   (see Program.cs for the options)");
    return 2;
}

int seed = Int(args, "--seed", 0);
int embedding = Int(args, "--embedding", 10);
int epochs = Int(args, "--epochs", 5);
int batch = Int(args, "--batch-size", 100);
double lr = Real(args, "--lr", 1e-3);

try
{
    switch (args[0])
    {
        case "export" when args.Length > 1:
        {
            var directory = args[1];
            var assembly = Option(args, "--assembly", "");
            if (assembly != "")
            {
                var typeName = Option(args, "--model", "");
                Type[] types;
                try { types = Assembly.LoadFrom(Path.GetFullPath(assembly)).GetTypes(); }
                catch (ReflectionTypeLoadException partial) { types = partial.Types.OfType<Type>().ToArray(); }
                var models = types.Where(t => typeof(MultiViewModule).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null).ToList();
                var type = models.SingleOrDefault(t => t.Name == typeName || t.FullName == typeName)
                    ?? throw new ArgumentException($"{assembly} has no declared model '{typeName}'; its models: {string.Join(", ", models.Select(t => t.Name))}");
                using var user = (MultiViewModule)Activator.CreateInstance(type)!;
                var script = PyTorchProject.Write(user, directory, new PyTorchTrainingSettings(epochs, batch, lr, Seed: seed));
                Console.WriteLine($"wrote {script} for {type.FullName}");
                return 0;
            }
            manual_seed(seed);
            using var model = ModelCatalog.SoftCca(embedding);
            var train = PyTorchProject.Write(model, Path.Combine(directory, "package"), new PyTorchTrainingSettings(epochs, batch, lr, Seed: seed));
            var split = Split(seed);
            var data = Directory.CreateDirectory(Path.Combine(directory, "data")).FullName;
            for (int v = 0; v < split.Train.Views.Count; v++)
            {
                var view = split.Train.Views[v];
                NpyWriter.Write(Path.Combine(data, model.Info.Views[v].Name + ".npy"), view.Values, split.Train.Count, view.Width);
            }
            Console.WriteLine($"wrote {train} and {split.Train.Count} training rows per view in {data}");
            return 0;
        }
        case "evaluate" when args.Length > 1:
        {
            using var model = ModelCatalog.SoftCca(embedding);
            PyTorchExport.LoadSafetensors(model, args[1]);
            Console.WriteLine($"test total correlation (top {embedding}) of {args[1]}: {TestCorrelation(model, Split(seed), embedding).ToString("F3", CultureInfo.InvariantCulture)}");
            return 0;
        }
        case "train":
        {
            manual_seed(seed);
            using var model = ModelCatalog.SoftCca(embedding);
            var from = Option(args, "--from", "");
            if (from != "") PyTorchExport.LoadSafetensors(model, from);
            var split = Split(seed);
            var clock = Stopwatch.StartNew();
            var result = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = batch, LearningRate = lr, Seed = seed, Progress = ProgressMode.Plain, RestoreBest = false })
                .Fit(model, split.Train);
            double seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"C# trainer: {epochs} epochs in {seconds.ToString("F1", CultureInfo.InvariantCulture)} s " +
                $"({(result.History.Average(h => h.SamplesPerSecond)).ToString("F0", CultureInfo.InvariantCulture)} samples/s), " +
                $"test total correlation (top {embedding}) {TestCorrelation(model, split, embedding).ToString("F3", CultureInfo.InvariantCulture)}");
            return 0;
        }
        default:
            Console.Error.WriteLine($"'{args[0]}' needs an argument");
            return 2;
    }
}
catch (Exception error) when (error is Sdl.Export.EncoderExportException or ArgumentException or IOException)
{
    Console.Error.WriteLine($"DistributedTraining: {error.Message}");
    return 1;
}
