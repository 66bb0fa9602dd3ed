using Sdl.Dsl;
namespace Sdl.Generators.Model
{
    /// <summary>
    /// One declared layer with the shapes inferred at compile time (per sample, without the batch dimension): one record
    /// per kind, each with only its own settings. Code over all kinds switches on <see cref="Kind"/> in switch expressions
    /// without a discard arm (CS8509 fails the build when a kind is added and not handled).
    /// </summary>
    internal abstract record LayerSpec(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped)
    {
        public abstract LayerKind Kind { get; }
    }

    /// <summary><c>[Dense]</c>: <c>nn.Linear</c> and its activation.</summary>
    internal sealed record DenseLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped, long Units, Activation Activation, bool Bias)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.Dense;
    }

    /// <summary><c>[Dropout]</c>.</summary>
    internal sealed record DropoutLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped, double Probability)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.Dropout;
    }

    /// <summary><c>[BatchNorm]</c>: 1d on a flat input, 2d on an image; its features are the input's first dimension.</summary>
    internal sealed record BatchNormLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.BatchNorm;
    }

    /// <summary><c>[LayerNorm]</c> over the whole sample.</summary>
    internal sealed record LayerNormLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.LayerNorm;
    }

    /// <summary><c>[ActivationLayer]</c>.</summary>
    internal sealed record ActivationLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped, Activation Activation)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.Activation;
    }

    /// <summary><c>[Conv2d]</c> and its activation.</summary>
    internal sealed record Conv2dLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped,
        long OutChannels, long KernelSize, long Stride, long Padding, Activation Activation)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.Conv2d;
    }

    /// <summary><c>[MaxPool2d]</c>; <see cref="Stride"/> is resolved (the window size when the attribute said 0).</summary>
    internal sealed record MaxPool2dLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped, long KernelSize, long Stride)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.MaxPool2d;
    }

    /// <summary><c>[Flatten]</c>.</summary>
    internal sealed record FlattenLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.Flatten;
    }

    /// <summary><c>[Reshape]</c>: a tensor operation, no module.</summary>
    internal sealed record ReshapeLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.Reshape;
    }

    /// <summary>
    /// A layer declared by an attribute marked <c>[LayerRuntime]</c>: the generator knows only what the marker says and
    /// passes the attribute's arguments to the runtime module's constructor after the input width.
    /// </summary>
    /// <param name="Attribute">The attribute's short name, for messages.</param>
    /// <param name="RuntimeType">The module type, fully qualified with <c>global::</c>.</param>
    /// <param name="Summary">Its name in the summary's Kind column.</param>
    /// <param name="Arguments">The attribute's arguments (name and Decoder left out), in source order.</param>
    /// <param name="WidthArgument">The index in <see cref="Arguments"/> of the output width; -1 when the layer keeps its input's width.</param>
    /// <param name="CanEndView">Whether the layer may make a view's embedding.</param>
    internal sealed record CustomLayer(string Name, EquatableArray<long> InputShape, EquatableArray<long> OutputShape, bool IsTapped,
        string Attribute, string RuntimeType, string Summary, EquatableArray<LayerArgument> Arguments, int WidthArgument, bool CanEndView)
        : LayerSpec(Name, InputShape, OutputShape, IsTapped)
    {
        public override LayerKind Kind => LayerKind.Custom;

        /// <summary>Whether the layer sets its output width (and so may make a resizable embedding).</summary>
        public bool SetsWidth => WidthArgument >= 0;
    }

    /// <summary>One argument of a <see cref="CustomLayer"/>: the constructor parameter it goes to and its value as a C# literal.</summary>
    internal sealed record LayerArgument(string Parameter, string Literal);
}
