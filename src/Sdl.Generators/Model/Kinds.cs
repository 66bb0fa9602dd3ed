namespace Sdl.Generators.Model
{
    /// <summary>The layer attributes the generator understands.</summary>
    internal enum LayerKind { Dense, Dropout, BatchNorm, LayerNorm, Activation, Conv2d, MaxPool2d, Flatten, Reshape }

    /// <summary>Mirror of <c>Sdl.Dsl.Activation</c> (same values): the generator reads the enum's constant, not the type.</summary>
    internal enum ActivationKind { None = 0, ReLU = 1, Tanh = 2, Sigmoid = 3, GELU = 4, LeakyReLU = 5, ELU = 6 }

    /// <summary>Mirror of <c>Sdl.Dsl.DecorrelationMethod</c> (same values).</summary>
    internal enum DecorrelationKind { Sdl = 0, DeCov = 1, None = 2 }

    /// <summary>Mirror of <c>Sdl.Runtime.Models.ObjectiveKind</c> (same names).</summary>
    internal enum ObjectiveKind { SoftCca, Dcca, DccaEy, Fae, Supervised }

    /// <summary>Whether a view's encoder is generated from declared layers or is a user type.</summary>
    internal enum ViewKind { Declared, Custom }
}
