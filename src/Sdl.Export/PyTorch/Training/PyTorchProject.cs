using System.Text.Json;
using Sdl.Dsl;
using Sdl.Export.Tracing;
using Sdl.Runtime.Losses;
using Sdl.Runtime.Models;
using Sdl.Runtime.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Sdl.Export.PyTorch.Training;

/// <summary>
/// Writes a PyTorch training package for a declared model, for <c>torchrun</c> (DDP; gloo on the CPU,
/// NCCL on GPUs): the views as PyTorch modules with the C# state_dict keys (<c>views.py</c>), the
/// objective, taps and hyperparameters (<c>model_spec.json</c>), the model's current weights
/// (<c>initial.safetensors</c>) and hand-written Python modules, one per concern (<c>sdl.py</c>,
/// <c>objectives.py</c>, <c>distributed.py</c>, <c>data.py</c>, <c>checkpoint.py</c>, <c>model.py</c>,
/// <c>train.py</c>). Batch statistics are all-reduced across ranks, so W ranks with m/W rows each
/// compute the loss and gradient of one process with m rows. <c>train.py</c> writes
/// <c>model.safetensors</c>, which <see cref="PyTorchExport.LoadSafetensors"/> loads back (strict keys).
/// </summary>
public static class PyTorchProject
{
    /// <summary>The hand-written Python modules copied into every package (embedded resources of this assembly).</summary>
    internal static IReadOnlyList<string> PythonModules { get; } = ["distributed.py", "sdl.py", "objectives.py", "model.py", "data.py", "checkpoint.py", "safetensors_io.py", "train.py"];

    /// <summary>
    /// Writes the package into <paramref name="directory"/> (created if needed) and returns the path of its <c>train.py</c>.
    /// </summary>
    /// <exception cref="EncoderExportException">A view's encoder has a module with no PyTorch counterpart (the message names it), or a tap cannot be located.</exception>
    /// <exception cref="ArgumentException">The model carries no hyperparameters or lacks a loss module a generated model has.</exception>
    public static string Write(MultiViewModule model, string directory, PyTorchTrainingSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        settings ??= new PyTorchTrainingSettings();
        var info = model.Info;
        var hyper = info.Hyperparameters ?? throw new ArgumentException($"Model '{info.Name}' records no hyperparameters (ModelInfo.Hyperparameters); only declared (generated) models can be written as a training package.", nameof(model));
        var views = Views(model);
        Directory.CreateDirectory(directory);

        WriteText(Path.Combine(directory, "views.py"), ViewScript.Write(info.Name, views));
        WriteText(Path.Combine(directory, "model_spec.json"), Spec(model, hyper, views, settings));
        foreach (var name in PythonModules)
            WriteText(Path.Combine(directory, name), Resource(name));
        PyTorchExport.SaveSafetensors(model, Path.Combine(directory, "initial.safetensors"));
        return Path.Combine(directory, "train.py");
    }

    /// <summary>Traces every view (and an FAE view's decoder) and finds where each tap is captured.</summary>
    static List<ViewScript.View> Views(MultiViewModule model)
    {
        var info = model.Info;
        bool wasTraining = model.training;
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        try
        {
            var generator = new Generator(seed: 19);
            var device = model.parameters().FirstOrDefault()?.device ?? CPU;
            var probes = info.Views.Select(v => randn([7, .. v.InputShape], generator: generator).to(device)).ToList();
            var output = model.forward(probes);
            var result = new List<ViewScript.View>();
            for (int v = 0; v < info.Views.Count; v++)
            {
                var view = info.Views[v];
                var encoder = EncoderLookup.Encoder(model, view.Name);
                var plan = EncoderPlan.Trace(encoder, view.Name, view.InputShape);
                EncoderPlan? decoder = null;
                if (info.Objective == ObjectiveKind.Fae)
                {
                    if (encoder is not ViewEncoder viewEncoder)
                        throw new EncoderExportException($"View '{view.Name}' of FAE model '{info.Name}' is not a ViewEncoder, so its decoder cannot be traced.");
                    decoder = EncoderPlan.Trace(encoder, view.Name, plan.OutputSampleShape, x => viewEncoder.Decode(x));
                }
                var encoderValues = TapLocator.StepValues(plan, probes[v]);
                var decoderValues = decoder is null ? null : TapLocator.StepValues(decoder, encoderValues.Count > 0 ? encoderValues[^1] : probes[v]);
                var encoderTaps = new Dictionary<int, string>();
                var decoderTaps = new Dictionary<int, string>();
                foreach (var tap in info.Decorrelations.Where(t => t.View == view.Name && t.Method != DecorrelationMethod.None))
                {
                    if (!output.Taps.TryGetValue(tap.Key, out var captured))
                        throw new EncoderExportException($"Tap '{tap.Key}' is declared but the model's forward does not capture it.");
                    int step = TapLocator.Locate(plan, encoderValues, tap.Layer, captured);
                    if (step >= 0) { encoderTaps[step] = tap.Key; continue; }
                    step = decoder is null ? -1 : TapLocator.Locate(decoder, decoderValues!, tap.Layer, captured);
                    if (step >= 0) { decoderTaps[step] = tap.Key; continue; }
                    throw new EncoderExportException($"Tap '{tap.Key}' cannot be located in the traced encoder of view '{view.Name}': no step's output equals the captured activations.");
                }
                result.Add(new ViewScript.View(view.Name, plan, decoder, encoderTaps, decoderTaps));
            }
            return result;
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    /// <summary>
    /// A new objective's description: <c>kind</c> is its <see cref="ModelInfo.ObjectiveName"/> in snake case (BarlowTwins:
    /// barlow_twins), then each public property of its settings record, snake case, as a number, a boolean or text
    /// (an enum member in snake case).
    /// </summary>
    static void WriteSettings(Utf8JsonWriter json, string objective, ObjectiveSettings settings)
    {
        json.WriteString("kind", SnakeCase(objective));
        foreach (var property in settings.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.Name == "EqualityContract") continue;
            string name = SnakeCase(property.Name);
            switch (property.GetValue(settings))
            {
                case bool flag: json.WriteBoolean(name, flag); break;
                case Enum member: json.WriteString(name, SnakeCase(member.ToString())); break;
                case string text: json.WriteString(name, text); break;
                case IConvertible number: json.WriteNumber(name, number.ToDouble(System.Globalization.CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"Setting {property.Name} of {settings.GetType().Name} is not a number, a boolean, an enum or text; the training package cannot describe it.");
            }
        }
    }

    static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    static string Spec(MultiViewModule model, Hyperparameters hyper, IReadOnlyList<ViewScript.View> views, PyTorchTrainingSettings settings)
    {
        var info = model.Info;
        var children = model.named_children().ToDictionary(c => c.name, c => c.module);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", 1);
            json.WriteString("model", info.Name);
            json.WriteNumber("lambda", hyper.Lambda);
            json.WriteNumber("classes", info.Classes);

            json.WriteStartArray("views");
            for (int v = 0; v < info.Views.Count; v++)
            {
                var view = info.Views[v];
                json.WriteStartObject();
                json.WriteString("name", view.Name);
                json.WriteString("class", ViewScript.ClassName(v, view.Name));
                json.WriteStartArray("input_shape");
                foreach (var d in view.InputShape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteNumber("embedding_size", view.EmbeddingSize);
                json.WriteNumber("encoding_size", views[v].Encoder.OutputSampleShape.Aggregate(1L, (a, b) => a * b));
                json.WriteBoolean("has_decoder", views[v].Decoder is not null);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("taps");
            foreach (var tap in hyper.Taps.Where(t => t.Method != DecorrelationMethod.None))
            {
                string prefix = tap.Method == DecorrelationMethod.Sdl ? "sdl" : "decov";
                string module = $"{prefix}_{tap.Key.Replace('.', '_')}";
                if (!children.TryGetValue(module, out var loss))
                    throw new ArgumentException($"Model '{info.Name}' has no loss module '{module}' for tap '{tap.Key}'; only declared (generated) models can be written as a training package.", nameof(model));
                json.WriteStartObject();
                json.WriteString("key", tap.Key);
                json.WriteString("module", module);
                json.WriteString("term", TermNames.Decorrelation(tap.Method, tap.Key));
                json.WriteString("method", prefix);
                json.WriteNumber("weight", tap.Weight);
                switch (loss)
                {
                    case StochasticDecorrelationLoss sdl:
                        json.WriteNumber("features", sdl.Features);
                        json.WriteNumber("alpha", sdl.Alpha);
                        json.WriteString("norm", sdl.Norm == SdlNorm.L1 ? "l1" : "squared");
                        json.WriteString("reduction", sdl.Reduction == SdlReduction.Mean ? "mean" : "sum");
                        break;
                    case DeCovLoss decov:
                        json.WriteNumber("features", decov.Features);
                        break;
                    default:
                        throw new ArgumentException($"Loss module '{module}' of model '{info.Name}' is a {loss.GetType().Name}, not SDL or DeCov.", nameof(model));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartObject("objective");
            var o = hyper.Objective;
            switch (info.Objective)
            {
                case ObjectiveKind.SoftCca:
                    json.WriteString("kind", "soft_cca");
                    break;
                case ObjectiveKind.Dcca:
                    var dcca = children.Values.OfType<DccaLoss>().SingleOrDefault()
                        ?? throw new ArgumentException($"DCCA model '{info.Name}' has no DccaLoss module.", nameof(model));
                    json.WriteString("kind", "dcca");
                    json.WriteNumber("top_k", dcca.TopK);
                    json.WriteNumber("ridge", dcca.Ridge);
                    json.WriteNumber("eigenvalue_floor", dcca.EigenvalueFloor);
                    json.WriteBoolean("use_float64", dcca.UseFloat64);
                    break;
                case ObjectiveKind.DccaEy:
                    var ey = children.Values.OfType<DccaEyLoss>().SingleOrDefault()
                        ?? throw new ArgumentException($"DCCA-EY model '{info.Name}' has no DccaEyLoss module.", nameof(model));
                    json.WriteString("kind", "dcca_ey");
                    json.WriteString("penalty", ey.Penalty == EyPenalty.SameBatch ? "same_batch" : "independent_halves");
                    break;
                case ObjectiveKind.Fae:
                    json.WriteString("kind", "fae");
                    json.WriteNumber("beta", ((FaeSettings)o).Beta);
                    json.WriteNumber("shared", info.Views[0].EmbeddingSize);
                    break;
                case ObjectiveKind.Supervised:
                    if (info.Views.Count != 1)
                        throw new ArgumentException($"Supervised model '{info.Name}' has {info.Views.Count} views; the training package supports one.", nameof(model));
                    json.WriteString("kind", "supervised");
                    break;
                case ObjectiveKind.Custom:
                    // A new objective (docs/extending.md): its name and settings, for objectives.py to read.
                    WriteSettings(json, info.ObjectiveName, o);
                    break;
            }
            json.WriteEndObject();

            json.WriteStartObject("training");
            json.WriteNumber("epochs", settings.Epochs);
            json.WriteNumber("batch_size", settings.BatchSize);
            json.WriteNumber("learning_rate", settings.LearningRate);
            json.WriteNumber("weight_decay", settings.WeightDecay);
            json.WriteNumber("seed", settings.Seed);
            json.WriteNumber("checkpoint_every_steps", settings.CheckpointEverySteps);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>One of the hand-written Python modules embedded in this assembly.</summary>
    internal static string Resource(string name)
    {
        using var stream = typeof(PyTorchProject).Assembly.GetManifestResourceStream("Sdl.Export.Python." + name)
            ?? throw new InvalidOperationException($"The Python module '{name}' is missing from Sdl.Export's resources.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static void WriteText(string path, string text)
    {
        var temporary = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, text.Replace("\r\n", "\n"));
        File.Move(temporary, path, overwrite: true);
    }
}
