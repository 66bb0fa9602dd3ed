using Sdl.Dsl;
using Sdl.Runtime.Models;

namespace Sdl.Examples.Experiments.Models;

// Beyond multi-view: one-view classifiers of whole 28 × 28 images, 784 → 256 → 256 → 10,
// with the decorrelation loss on both hidden layers (SDL, DeCov) or none.

/// <summary>Cross-entropy + λ·SDL on both hidden layers.</summary>
[MultiViewModel]
[Supervised(Classes = 10, Lambda = Classifier.Lambda)]
public partial class ClassifierSdl
{
    [View(InputDim = Classifier.Pixels)]
    [Dense("fc1", Classifier.Hidden, Activation.ReLU)]
    [Dense("fc2", Classifier.Hidden, Activation.ReLU)]
    [Dense("logits", 10)]
    [Decorrelate(Layer = "fc1")]
    [Decorrelate(Layer = "fc2")]
    public partial ViewEncoder Image { get; }
}

/// <summary>Cross-entropy + λ·SDL on both hidden layers, with a 10× smaller λ.</summary>
[MultiViewModel]
[Supervised(Classes = 10, Lambda = Classifier.Lambda / 10)]
public partial class ClassifierSdlWeak
{
    [View(InputDim = Classifier.Pixels)]
    [Dense("fc1", Classifier.Hidden, Activation.ReLU)]
    [Dense("fc2", Classifier.Hidden, Activation.ReLU)]
    [Dense("logits", 10)]
    [Decorrelate(Layer = "fc1")]
    [Decorrelate(Layer = "fc2")]
    public partial ViewEncoder Image { get; }
}

/// <summary>Cross-entropy + λ·SDL on both hidden layers, with a 100× smaller λ.</summary>
[MultiViewModel]
[Supervised(Classes = 10, Lambda = Classifier.Lambda / 100)]
public partial class ClassifierSdlWeakest
{
    [View(InputDim = Classifier.Pixels)]
    [Dense("fc1", Classifier.Hidden, Activation.ReLU)]
    [Dense("fc2", Classifier.Hidden, Activation.ReLU)]
    [Dense("logits", 10)]
    [Decorrelate(Layer = "fc1")]
    [Decorrelate(Layer = "fc2")]
    public partial ViewEncoder Image { get; }
}

/// <summary>Cross-entropy + λ·DeCov on both hidden layers.</summary>
[MultiViewModel]
[Supervised(Classes = 10, Lambda = Classifier.Lambda)]
public partial class ClassifierDeCov
{
    [View(InputDim = Classifier.Pixels)]
    [Dense("fc1", Classifier.Hidden, Activation.ReLU)]
    [Dense("fc2", Classifier.Hidden, Activation.ReLU)]
    [Dense("logits", 10)]
    [Decorrelate(Layer = "fc1", Method = DecorrelationMethod.DeCov)]
    [Decorrelate(Layer = "fc2", Method = DecorrelationMethod.DeCov)]
    public partial ViewEncoder Image { get; }
}

/// <summary>Cross-entropy only.</summary>
[MultiViewModel]
[Supervised(Classes = 10, Lambda = Classifier.Lambda)]
public partial class ClassifierPlain
{
    [View(InputDim = Classifier.Pixels)]
    [Dense("fc1", Classifier.Hidden, Activation.ReLU)]
    [Dense("fc2", Classifier.Hidden, Activation.ReLU)]
    [Dense("logits", 10)]
    [Decorrelate(Layer = "fc1", Method = DecorrelationMethod.None)]
    [Decorrelate(Layer = "fc2", Method = DecorrelationMethod.None)]
    public partial ViewEncoder Image { get; }
}

/// <summary>Sizes shared by the classifiers.</summary>
public static class Classifier
{
    public const int Pixels = 28 * 28;
    public const int Hidden = 256;
    /// <summary>λ: the SDL sum runs over 256² − 256 entries per layer, so a small weight.</summary>
    public const double Lambda = 1e-4;
}
