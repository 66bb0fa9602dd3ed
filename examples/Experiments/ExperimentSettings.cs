using Sdl.Dsl;
using Sdl.Examples.CommandLine;
using Sdl.Runtime.Data;

namespace Sdl.Examples.Experiments;

/// <summary>The command line of the experiments program.</summary>
public sealed record ExperimentSettings(string Suite, string Dataset, int Seeds, int? Epochs, int BatchSize, string OutputDirectory, DecorrelationMethod Method = DecorrelationMethod.Sdl)
{
    /// <summary>The fair comparison's training budgets in epochs (each method at each budget); empty = the suite's default.</summary>
    public IReadOnlyList<int> Budgets { get; init; } = [];

    /// <summary>Epochs of each tuning run of the fair comparison; null = the suite's default.</summary>
    public int? TuneEpochs { get; init; }

    /// <summary>The sweep's grid, when given instead of its default one.</summary>
    public IReadOnlyList<double> Alphas { get; init; } = [];
    public IReadOnlyList<double> Lambdas { get; init; } = [];

    /// <summary>The SDL norm the sweep tunes.</summary>
    public SdlNorm Norm { get; init; } = SdlNorm.L1;

    /// <summary>Adam's learning rate of the sweep.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>libtorch's CPU threads (all cores by default).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Reuse the settings the fair comparison chose on this other data set's validation split instead of tuning again.</summary>
    public string? TunedOn { get; init; }

    /// <summary>The embedding widths of the scale and widths suites; empty = the suite's default.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [];

    /// <summary>The scale suite's training budget per method and width, in CPU seconds.</summary>
    public double BudgetSeconds { get; init; } = 150;

    /// <summary>Validations (and interleaving slices) per run of the scale suite.</summary>
    public int Slices { get; init; } = 10;

    /// <summary>CPU seconds of each learning-rate trial of the scale suite.</summary>
    public double TuneSeconds { get; init; } = 12;

    /// <summary>The widths suite's warm-up grid (epochs); empty = its default.</summary>
    public IReadOnlyList<double> Warmups { get; init; } = [];

    /// <summary>The scale suite's learning-rate grid; empty = its default.</summary>
    public IReadOnlyList<double> LearningRates { get; init; } = [];

    public const string FashionDirectory = "/usr/share/datasets/fashion-mnist";

    public const string Usage = """
        usage: Experiments <fair|effectiveness|classifier|sweep|convergence|fae|scale|widths> [--dataset mnist|fashion] [--seeds N] [--epochs N] [--batch N] [--out DIR] [--method sdl|decov]
                           [--budgets 20,60] [--tune-epochs N] [--tuned-on mnist|fashion] [--threads N]
                           [--norm l1|squared] [--alphas 0,0.5] [--lambdas 0.1,0.3] [--lr 0.001]
          mnist:   the embedded 10,000 real MNIST digits: 70% train, 10% validation, 20% test (split seed 0)
          fashion: the full Fashion-MNIST of the Debian package dataset-fashion-mnist: 55,000 train,
                   5,000 validation, the official 10,000 test
          --method: the decorrelation the sweep tunes (sdl: α × λ; decov: λ only); --norm, --alphas,
                    --lambdas and --lr set the sweep's SDL norm, grid and learning rate
          fair: each method at its settings chosen on the validation split (--tune-epochs per run, one
                seed), then --seeds runs at each of --budgets; --tuned-on reuses another data set's choice
          scale: [--ks 50,1024] [--budget CPU-s] [--slices N] [--tune-budget CPU-s] [--lrs 3e-4,1e-3]: per k, each
                 method's learning rate chosen on validation, then all methods trained interleaved for --budget
                 CPU seconds each (use --threads 1: then CPU seconds are the wall seconds of an idle core)
          widths: [--ks 10,128,512] [--lambdas 0.03,0.3] [--warmups 0,1] [--lr 0.003] [--epochs 10]: Soft CCA's λ and
                  warm-up at each embedding width k (the scale suite's networks and batches), DCCA-EY and DCCA beside it
        """;

    static int Integer(string option, string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) && value >= 1
            ? value : throw new OptionException($"{option} takes whole numbers ≥ 1; '{text}' is not one.");

    static double Number(string option, string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value : throw new OptionException($"{option} takes finite numbers; '{text}' is not one.");

    static double Positive(string option, string text) =>
        Number(option, text) is var value && value > 0 ? value : throw new OptionException($"{option} takes numbers > 0; '{text}' is not one.");

    /// <summary>The settings of a command line, or null when it does not name a suite or pairs an option with no value; <see cref="OptionException"/> for a value that is not a number.</summary>
    public static ExperimentSettings? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("fair" or "effectiveness" or "classifier" or "sweep" or "convergence" or "fae" or "scale" or "widths")) return null;
        string dataset = "mnist", output = Path.Combine("docs", "results");
        int seeds = 3, batch = 256;
        int? epochs = null;
        var method = DecorrelationMethod.Sdl;
        int[] budgets = [];
        int? tuneEpochs = null;
        string? tunedOn = null;
        int threads = Environment.ProcessorCount;
        double[] alphas = [], lambdas = [];
        var norm = SdlNorm.L1;
        double learningRate = 1e-3;
        int[] ks = [];
        double budgetSeconds = 150, tuneSeconds = 12;
        int slices = 10;
        double[] learningRates = [], warmups = [];
        for (int i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return null;
            string value = args[i + 1];
            switch (args[i])
            {
                case "--dataset" when value is "mnist" or "fashion": dataset = value; break;
                case "--seeds": seeds = Integer(args[i], value); break;
                case "--epochs": epochs = Integer(args[i], value); break;
                case "--batch": batch = Integer(args[i], value); break;
                case "--out": output = value; break;
                case "--budgets": budgets = value.Split(',').Select(v => Integer(args[i], v)).ToArray(); break;
                case "--threads": threads = Integer(args[i], value); break;
                case "--alphas": alphas = [.. value.Split(',').Select(v => Number(args[i], v))]; break;
                case "--lambdas": lambdas = [.. value.Split(',').Select(v => Number(args[i], v))]; break;
                case "--norm" when value is "l1" or "squared": norm = value == "l1" ? SdlNorm.L1 : SdlNorm.Squared; break;
                case "--ks": ks = value.Split(',').Select(v => Integer(args[i], v)).ToArray(); break;
                case "--budget": budgetSeconds = Positive(args[i], value); break;
                case "--tune-budget": tuneSeconds = Positive(args[i], value); break;
                case "--slices": slices = Integer(args[i], value); break;
                case "--lrs": learningRates = [.. value.Split(',').Select(v => Positive(args[i], v))]; break;
                case "--warmups": warmups = [.. value.Split(',').Select(v => Number(args[i], v))]; break;
                case "--lr": learningRate = Number(args[i], value); break;
                case "--tune-epochs": tuneEpochs = Integer(args[i], value); break;
                case "--tuned-on" when value is "mnist" or "fashion": tunedOn = value; break;
                case "--method" when value is "sdl" or "decov": method = value == "sdl" ? DecorrelationMethod.Sdl : DecorrelationMethod.DeCov; break;
                default: return null;
            }
        }
        return new ExperimentSettings(args[0], dataset, seeds, epochs, batch, output, method) { Budgets = budgets, TuneEpochs = tuneEpochs, TunedOn = tunedOn, Threads = threads, Alphas = alphas, Lambdas = lambdas, Norm = norm, LearningRate = learningRate, Ks = ks, BudgetSeconds = budgetSeconds, TuneSeconds = tuneSeconds, Slices = slices, LearningRates = learningRates, Warmups = warmups };
    }

    /// <summary>
    /// The train/validation/test split of <see cref="Dataset"/> seen through <paramref name="views"/>
    /// (split seed 0). The second argument of <paramref name="views"/> is 0 for the training pool and
    /// 1 for the official test set, for views that draw random numbers of their own.
    /// </summary>
    public DatasetSplit LoadSplit(Func<LabeledImages, int, MultiViewDataset> views)
    {
        var source = LoadImages();
        return Split(views(source.Train, 0), source.Test is null ? null : views(source.Test, 1), seed: 0);
    }

    /// <summary>The images of <see cref="Dataset"/> with their official test set when there is one.</summary>
    ImageDataSource LoadImages() => Dataset == "fashion"
        ? ImageDataSource.Load(FashionDirectory, "Fashion-MNIST (full, Debian package)")
        : ImageDataSource.LoadEmbedded();

    /// <summary>Train/validation/test split of a pool; the official test set is kept when the source has one.</summary>
    static DatasetSplit Split(MultiViewDataset pool, MultiViewDataset? test, int seed) => test is null
        ? DatasetSplit.Random(pool, validationFraction: 0.1, testFraction: 0.2, seed)
        : DatasetSplit.WithTestSet(pool, test, validationFraction: 1.0 / 12, seed);

    public string DatasetTitle => Dataset == "fashion" ? "Fashion-MNIST" : "MNIST (embedded 10k)";
}
