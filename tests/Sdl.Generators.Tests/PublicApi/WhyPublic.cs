namespace Sdl.Generators.Tests.PublicApi;

/// <summary>
/// Why each public type is public, one line each, printed under the type in the approved listings.
/// A type is public because a user calls it (the README, docs/, examples/ or templates/), because
/// generated code calls it, or because a public signature exposes it; tests are not users (they see
/// internals through InternalsVisibleTo). A new public type needs its line here, or
/// <see cref="PublicApiTests.EveryPublicType_SaysWhyItIsPublic"/> fails.
/// </summary>
static class WhyPublic
{
    const string Generated = "generated code calls it";
    const string Settings = "ModelInfo.Hyperparameters.Objective: the objective's settings in force (generated code builds the declared ones)";
    const string Options = "ModelOptions.Objective: a user overrides this objective's settings at construction (README)";

    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>
    {
        // Sdl.Dsl: the attributes and enums a model declaration is written with.
        ["Sdl.Dsl.Activation"] = "attribute argument (ViewAttribute, DenseAttribute)",
        ["Sdl.Dsl.ActivationLayerAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.BatchNormAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.Conv2dAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.DccaAttribute"] = "declares the model's objective",
        ["Sdl.Dsl.DccaEyAttribute"] = "declares the model's objective",
        ["Sdl.Dsl.DecorrelateAttribute"] = "declares a decorrelation tap",
        ["Sdl.Dsl.DecorrelationMethod"] = "attribute argument (DecorrelateAttribute)",
        ["Sdl.Dsl.DenseAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.DropoutAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.EyPenalty"] = "attribute argument (DccaEyAttribute)",
        ["Sdl.Dsl.FaeAttribute"] = "declares the model's objective",
        ["Sdl.Dsl.FlattenAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.LayerAttribute"] = "base of the layer attributes (their Name)",
        ["Sdl.Dsl.LayerNormAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.MaxPool2dAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.MultiViewModelAttribute"] = "marks a class as a model",
        ["Sdl.Dsl.ReshapeAttribute"] = "declares a layer in a view",
        ["Sdl.Dsl.SdlDefaults"] = "the attributes' defaults, named in docs and generated code",
        ["Sdl.Dsl.SdlNorm"] = "attribute argument (DecorrelateAttribute); generated code",
        ["Sdl.Dsl.SdlReduction"] = "attribute argument (DecorrelateAttribute); generated code",
        ["Sdl.Dsl.SdlRules"] = "the hyperparameter rules the runtime and the generator share",
        ["Sdl.Dsl.SoftCcaAttribute"] = "declares the model's objective",
        ["Sdl.Dsl.SupervisedAttribute"] = "declares the model's objective",
        ["Sdl.Dsl.ViewAttribute"] = "declares a view",

        // Sdl.Export: getting encoders out of .NET.
        ["Sdl.Export.EncoderExportException"] = "what an export throws; the README names it",
        ["Sdl.Export.Onnx.OnnxExport"] = "ONNX export (README, OwnData example)",
        ["Sdl.Export.PyTorch.PyTorchExport"] = "PyTorch/safetensors export (README)",
        ["Sdl.Export.PyTorch.Training.PyTorchProject"] = "writes a PyTorch training project (README, DistributedTraining example)",
        ["Sdl.Export.PyTorch.Training.PyTorchTrainingSettings"] = "PyTorchProject's settings",
        ["Sdl.Export.Tracing.EncoderLookup"] = "only Sdl.Export calls it: a candidate for internal, left while src/Sdl.Export is being reworked (issue 21 item 1)",

        // Sdl.Reports: console and image output, and the comparison report model.
        ["Sdl.Reports.EvaluationReport"] = "the comparison report the examples build and the plots/table read",
        ["Sdl.Reports.LiveProgress"] = "LiveProgress.Enable() (README)",
        ["Sdl.Reports.LiveTrainingProgress"] = "live bars passed to a Trainer (README)",
        ["Sdl.Reports.MethodColors"] = "a method's colour for users' own plots (Sdl.Reports README)",
        ["Sdl.Reports.MethodResult"] = "one row of EvaluationReport",
        ["Sdl.Reports.ReportConsole"] = "prints the comparison table (examples)",
        ["Sdl.Reports.ReportFiles"] = "writes report.json/report.md and any result file atomically (examples)",
        ["Sdl.Reports.ReportPlots"] = "learning-curve and spectrum PNGs (examples)",

        // Sdl.Runtime: data.
        ["Sdl.Runtime.Data.ChunkedNpyViews"] = "larger-than-memory .npy training (README)",
        ["Sdl.Runtime.Data.ChunkedParquetViews"] = "larger-than-memory Parquet training (README)",
        ["Sdl.Runtime.Data.CsvViewOptions"] = "CsvViews.Load's options (README)",
        ["Sdl.Runtime.Data.CsvViews"] = "loads views from CSV (README)",
        ["Sdl.Runtime.Data.DataFileException"] = "what a reader throws on a bad file; users catch it (README error table)",
        ["Sdl.Runtime.Data.DataShapeException"] = "what a reader throws on mismatched views; users catch it",
        ["Sdl.Runtime.Data.DatasetSplit"] = "train/validation/test split (README, examples)",
        ["Sdl.Runtime.Data.IMultiViewBatchSource"] = "Trainer.Fit's data: users may implement it (README)",
        ["Sdl.Runtime.Data.ImageDataSource"] = "the embedded MNIST subset (examples)",
        ["Sdl.Runtime.Data.ImageViews"] = "image halves/views for MNIST-style data (examples)",
        ["Sdl.Runtime.Data.LabeledImages"] = "ImageDataSource's images, passed to users' view functions",
        ["Sdl.Runtime.Data.MiniBatch"] = "what IMultiViewBatchSource.Epoch yields",
        ["Sdl.Runtime.Data.MultiViewDataset"] = "in-memory views (README, examples)",
        ["Sdl.Runtime.Data.NpyArray"] = "NpyReader.Read's result (OwnData example)",
        ["Sdl.Runtime.Data.NpyDataType"] = "NpyArray.StoredType",
        ["Sdl.Runtime.Data.NpyReader"] = "reads .npy files (OwnData example)",
        ["Sdl.Runtime.Data.NpyWriter"] = "writes .npy files (README, examples)",
        ["Sdl.Runtime.Data.NumPyViews"] = "loads views from .npy/.npz (README)",
        ["Sdl.Runtime.Data.ParquetViews"] = "loads views from Parquet (README)",
        ["Sdl.Runtime.Data.ViewColumns"] = "names a view's columns for CSV/Parquet (README)",
        ["Sdl.Runtime.Data.ViewData"] = "one view's samples (README, examples)",
        // Devices, export, interop.
        ["Sdl.Runtime.Devices.DeviceSelector"] = "resolves --device/auto (Sdl.Reports README, examples)",
        ["Sdl.Runtime.Export.EmbeddingExport"] = "writes embeddings as .npy (README, OwnData example)",
        ["Sdl.Runtime.Interop.NativeAllocator"] = "a hand-written loop pins the allocator thresholds (README)",
        // Losses.
        ["Sdl.Runtime.Losses.DeCovLoss"] = Generated,
        ["Sdl.Runtime.Losses.SdlGradient"] = "the autograd reference of SDL's fused backward (README)",
        ["Sdl.Runtime.Losses.StochasticDecorrelationLoss"] = Generated + "; SDL on hand-written modules (README)",
        // Metrics.
        ["Sdl.Runtime.Metrics.CorrelationEvaluation"] = "the README's \"Evaluate a trained model\" snippet",
        ["Sdl.Runtime.Metrics.EmbeddingMetrics"] = "retrieval and probe metrics of embeddings (examples, docs/results.md)",
        ["Sdl.Runtime.Metrics.LinearProbe"] = "probe accuracy of an embedding (FaeSharedPrivate example)",
        // Models: the generated module's base and the records generated code fills.
        ["Sdl.Runtime.Models.ActivationCapture"] = Generated,
        ["Sdl.Runtime.Models.DropoutHyperparameter"] = Generated,
        ["Sdl.Runtime.Models.EncoderMeasurement"] = "ActivationCapture.Measure's result (generated code)",
        ["Sdl.Runtime.Models.Hyperparameters"] = Generated,
        ["Sdl.Runtime.Models.LossBreakdown"] = Generated + "; ComputeLoss's result",
        ["Sdl.Runtime.Models.ModelInfo"] = Generated + "; model.Info (README)",
        ["Sdl.Runtime.Models.ModelOptions"] = "a model's hyperparameters at construction (README)",
        ["Sdl.Runtime.Models.ModelSummary"] = Generated + "; model.Summary()",
        ["Sdl.Runtime.Models.MultiViewModule"] = "base of every generated model (README)",
        ["Sdl.Runtime.Models.MultiViewOutput"] = Generated + "; model.call's result",
        ["Sdl.Runtime.Models.ObjectiveKind"] = Generated + "; ModelInfo.Objective",
        ["Sdl.Runtime.Models.ViewEncoder"] = Generated + "; base of custom encoders (CustomCnnEncoder example)",
        ["Sdl.Runtime.Models.ViewInfo"] = Generated + "; ModelInfo.Views",
        // Objectives.
        ["Sdl.Runtime.Objectives.DccaEyLoss"] = Generated,
        ["Sdl.Runtime.Objectives.DccaLoss"] = Generated,
        ["Sdl.Runtime.Objectives.FaeObjective"] = Generated + "; [Fae] models' objective",
        ["Sdl.Runtime.Objectives.ReconstructionLoss"] = Generated,
        ["Sdl.Runtime.Objectives.SoftCcaDistance"] = Generated,
        ["Sdl.Runtime.Objectives.SoftCcaObjective"] = Generated + "; [SoftCca] models' objective",
        ["Sdl.Runtime.Objectives.TermNames"] = Generated + "; the loss terms' names in logs",
        // Training.
        ["Sdl.Runtime.Training.CheckpointException"] = "what a bad checkpoint throws; users catch it",
        ["Sdl.Runtime.Training.DivergenceGuardOptions"] = "TrainerOptions.DivergenceGuard",
        ["Sdl.Runtime.Training.EpochMetrics"] = "TrainingResult.History",
        ["Sdl.Runtime.Training.LearningRateSchedule"] = "TrainerOptions.Schedule",
        ["Sdl.Runtime.Training.ModelDataCheck"] = "checks model and data before any work (MnistSoftCca example)",
        ["Sdl.Runtime.Training.ModelEmbeddings"] = "the README's \"Evaluate a trained model\" snippet",
        ["Sdl.Runtime.Training.NonFiniteLossException"] = "what a NaN loss throws; users catch it",
        ["Sdl.Runtime.Training.NonFiniteMetricException"] = "what a NaN validation score throws; users catch it",
        ["Sdl.Runtime.Training.OptimizerKind"] = "TrainerOptions.Optimizer",
        ["Sdl.Runtime.Training.OutputWriteException"] = "what a failed write throws; users catch it",
        ["Sdl.Runtime.Training.Progress.StepProgress"] = "TrainingProgress.StepCompleted's argument",
        ["Sdl.Runtime.Training.Progress.TrainingProgress"] = "a custom display passed to a Trainer (README); Sdl.Reports derives from it",
        ["Sdl.Runtime.Training.ProgressMode"] = "TrainerOptions.Progress (README)",
        ["Sdl.Runtime.Training.RunDirectory"] = "an output folder's checks and leftovers (MnistSoftCca example)",
        ["Sdl.Runtime.Training.RunLock"] = "one run per output folder (MnistSoftCca example)",
        ["Sdl.Runtime.Training.Trainer"] = "trains a model (README)",
        ["Sdl.Runtime.Training.TrainerOptions"] = "the Trainer's settings (README)",
        ["Sdl.Runtime.Training.TrainingCheckpoint"] = "loads a checkpoint's weights and state (README)",
        ["Sdl.Runtime.Training.TrainingDivergedException"] = "what a run the guard cannot save throws; users catch it",
        ["Sdl.Runtime.Training.TrainingResult"] = "Trainer.Fit's result",
        ["Sdl.Runtime.Training.TrainingSetupException"] = "what bad options or run folders throw; users catch it",
        ["Sdl.Runtime.Training.TrainingState"] = "TrainingCheckpoint.ReadState's result (MnistSoftCca example)",
        // Added with the runtime-owned objectives (issue 21).
        ["Sdl.Dsl.BarlowTwinsAttribute"] = "declares the model's objective",
        ["Sdl.Dsl.ObjectiveRuntimeAttribute"] = "marks an objective attribute with its runtime type (docs/extending.md)",
        ["Sdl.Runtime.Models.TapInfo"] = Generated + "; ModelInfo.Taps, one record per tap",
        ["Sdl.Runtime.Objectives.BarlowTwinsLoss"] = Generated + "; the Barlow Twins formula",
        ["Sdl.Runtime.Objectives.BarlowTwinsObjective"] = Generated + "; [BarlowTwins] models' objective",
        ["Sdl.Runtime.Objectives.DccaEyObjective"] = Generated + "; [DccaEy] models' objective",
        ["Sdl.Runtime.Objectives.DccaObjective"] = Generated + "; [Dcca] models' objective",
        ["Sdl.Runtime.Objectives.SupervisedObjective"] = Generated + "; [Supervised] models' objective",
        ["Sdl.Runtime.Objectives.MultiViewObjective"] = Generated + "; base of every objective (docs/extending.md)",
        ["Sdl.Runtime.Objectives.ObjectiveOptions"] = "base of the per-objective options in ModelOptions.Objective (docs/extending.md)",
        ["Sdl.Runtime.Objectives.ObjectiveSettings"] = "base of the per-objective settings (docs/extending.md)",
        ["Sdl.Runtime.Objectives.ObjectiveSettings`1"] = "base of settings that take options (docs/extending.md)",
        ["Sdl.Runtime.Objectives.BarlowTwinsOptions"] = Options,
        ["Sdl.Runtime.Objectives.DccaEyOptions"] = Options,
        ["Sdl.Runtime.Objectives.DccaOptions"] = Options,
        ["Sdl.Runtime.Objectives.FaeOptions"] = Options,
        ["Sdl.Runtime.Objectives.BarlowTwinsSettings"] = Settings,
        ["Sdl.Runtime.Objectives.DccaEySettings"] = Settings,
        ["Sdl.Runtime.Objectives.DccaSettings"] = Settings,
        ["Sdl.Runtime.Objectives.FaeSettings"] = Settings,
        ["Sdl.Runtime.Objectives.SoftCcaSettings"] = Settings,
        ["Sdl.Runtime.Objectives.SupervisedSettings"] = Settings,
        ["Sdl.Runtime.Interop.CollectionPause"] = "holds garbage collection off around optimiser steps in a training loop of one's own (examples/Experiments)",
        ["Sdl.Runtime.Training.OptimizerFactory"] = "the experiments program builds the trainer's optimiser for its time-sliced runs (examples/Experiments)",
        ["Sdl.Runtime.Training.Validator"] = "the experiments program scores its time-sliced runs as the trainer does (examples/Experiments)",
    };
}
