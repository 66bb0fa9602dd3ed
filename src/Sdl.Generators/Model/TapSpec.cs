using Sdl.Dsl;

namespace Sdl.Generators.Model
{
    /// <summary>
    /// One decorrelation tap. <see cref="Features"/> is 0 when it is only known at run time (custom encoders,
    /// measured by the generated constructor). <see cref="IsImplicit"/> marks FAE's automatic SDL on the latent.
    /// <see cref="RegisteredName"/> is a custom encoder field's <c>[ComponentName]</c> when it differs from the field's name.
    /// </summary>
    internal sealed record TapSpec(
        string View,
        string Layer,
        DecorrelationMethod Method,
        double Alpha,
        double Weight,
        SdlReduction Reduction,
        SdlNorm Norm,
        long Features,
        bool IsImplicit,
        string? RegisteredName = null)
    {
        public string Key => View + "." + Layer;
    }
}
