using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sdl.Examples.OwnData;
using Sdl.Export.Onnx;
using Sdl.Runtime.Data;
using Sdl.Runtime.Export;
using Sdl.Runtime.Training;
using static TorchSharp.torch;

// Your data in, your encoders out: two views as .npy files → a declared model trained with Soft CCA + SDL →
// embeddings as .npy → each encoder as ONNX, served by ONNX Runtime, checked against TorchSharp.
var output = args.Length > 0 ? args[0] : Path.Combine("runs", "own-data");
int epochs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
var dataDirectory = Path.Combine(output, "data");
Directory.CreateDirectory(dataDirectory);

// 1. The views, as a Python user would save them with np.save (any float or integer dtype, C or Fortran order works).
KnownCorrelationViews.Write(dataDirectory, samples: 6000, seed: 3);
var data = NumPyViews.Load([("Left", Path.Combine(dataDirectory, "left.npy")), ("Right", Path.Combine(dataDirectory, "right.npy"))]);
Console.WriteLine($"{data.Description}: {data.Count:N0} samples; true canonical correlations {string.Join(", ", KnownCorrelationViews.Correlations)} (total {KnownCorrelationViews.Correlations.Sum():F2})");
var split = DatasetSplit.Random(data, validationFraction: 0.15, testFraction: 0.15, seed: 1);

// 2. Train.
var options = new TrainerOptions
{
    Epochs = epochs,
    BatchSize = 256,
    LearningRate = 3e-3,
    Seed = 1,
    Device = "cpu",
    ValidationTopK = KnownCorrelationViews.Shared,
    Progress = ProgressMode.Silent,
    RunName = "own data",
};
manual_seed(1);
using var model = new FeaturePairModel();
var result = new Trainer(options).Fit(model, split.Train, split.Validation);
Console.WriteLine($"Validation total correlation of the embeddings (top {KnownCorrelationViews.Shared}): {result.History.Max(e => e.ValidationScore):F3} (best epoch {result.BestEpoch}; the data allow {KnownCorrelationViews.Correlations.Sum():F2})");

// 2b. The same training with the training views left on disk, for data larger than memory: the trainer reads
// memory-mapped chunks of 1,024 samples (chunk order and samples within a chunk shuffled per epoch), so memory
// holds one chunk per view. The validation set stays in memory.
var trainFiles = new[] { ("Left", Path.Combine(dataDirectory, "train-left.npy")), ("Right", Path.Combine(dataDirectory, "train-right.npy")) };
for (int v = 0; v < trainFiles.Length; v++)
    NpyWriter.Write(trainFiles[v].Item2, split.Train.Views[v].Values, split.Train.Count, split.Train.Views[v].Width);
using (var onDisk = ChunkedNpyViews.Open(trainFiles, chunkRows: 1024))
{
    manual_seed(1);
    using var chunkedModel = new FeaturePairModel();
    var chunked = new Trainer(options with { RunName = "own data, chunked" }).Fit(chunkedModel, onDisk, split.Validation);
    Console.WriteLine($"Trained from {onDisk.Count:N0} samples on disk in chunks of {onDisk.ChunkRows:N0}: validation total correlation {chunked.History.Max(e => e.ValidationScore):F3} (best epoch {chunked.BestEpoch})");
}

// 3. Embeddings of the test set, per view, as .npy.
var embeddingFiles = EmbeddingExport.WriteNpy(model, split.Test, Path.Combine(output, "embeddings"));
Console.WriteLine($"Embeddings: {string.Join(", ", embeddingFiles)}");

// 4. The encoders as ONNX, served by ONNX Runtime in a few lines, compared with TorchSharp's embeddings.
var onnxFiles = OnnxExport.ExportEncoders(model, Path.Combine(output, "onnx"));
double worst = 0;
for (int v = 0; v < onnxFiles.Count; v++)
{
    var view = split.Test.Views[v];
    using var session = new InferenceSession(onnxFiles[v]);
    var input = new DenseTensor<float>(view.Values, [view.Count, view.Width]);
    using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
    var served = outputs.Single().AsTensor<float>().ToArray();
    var torchSharp = NpyReader.Read(embeddingFiles[v]).Values;
    double difference = served.Zip(torchSharp, (a, b) => Math.Abs((double)a - b)).Max();
    worst = Math.Max(worst, difference);
    Console.WriteLine($"{onnxFiles[v]}: ONNX Runtime vs TorchSharp on {view.Count:N0} test samples, max |difference| = {difference:E2}");
}
return worst <= 1e-5 ? 0 : 1;
