using Sdl.Dsl;

namespace Sdl.Generators.Model
{
    /// <summary>
    /// One decorrelation tap. <see cref="Features"/> is 0 when it is only known at run time (custom encoders,
    /// measured by the generated constructor). <see cref="IsImplicit"/> marks FAE's automatic SDL on the latent.
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
        bool IsImplicit)
    {
        public string Key => View + "." + Layer;
    }
}
