namespace Sdl.Generators.Model
{
    /// <summary>
    /// The layer attributes the generator understands; <see cref="Custom"/> is any attribute marked <c>[LayerRuntime]</c>
    /// (a new layer kind, docs/extending.md).
    /// </summary>
    internal enum LayerKind { Dense, Dropout, BatchNorm, LayerNorm, Activation, Conv2d, MaxPool2d, Flatten, Reshape, Custom }

    /// <summary>
    /// The objective attribute a model carries (same names as <c>Sdl.Runtime.Models.ObjectiveKind</c>). Read from the
    /// attribute's type, never from a user value, so it cannot be out of range; the DSL's own enums are linked (Sdl.Dsl/*.cs).
    /// </summary>
    /// <see cref="Custom"/> is any attribute marked <c>[ObjectiveRuntime]</c> (a new objective, docs/extending.md).
    internal enum ObjectiveKind { SoftCca, Dcca, DccaEy, Fae, Supervised, Custom }

    /// <summary>Whether a view's encoder is generated from declared layers or is a user type.</summary>
    internal enum ViewKind { Declared, Custom }
}
