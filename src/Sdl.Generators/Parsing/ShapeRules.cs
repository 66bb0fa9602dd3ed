namespace Sdl.Generators.Parsing
{
    /// <summary>The output-size arithmetic of TorchSharp's sliding-window layers, for inputs the window fits.</summary>
    internal static class ShapeRules
    {
        /// <summary>
        /// libtorch's <c>floor((in + 2·padding − kernel) / stride) + 1</c> (dilation 1, no ceil mode), for
        /// <c>in + 2·padding ≥ kernel</c>, where the numerator is non-negative and C#'s division is the floor.
        /// </summary>
        public static long SlidingOutput(long input, long kernel, long stride, long padding) => (input + 2 * padding - kernel) / stride + 1;
    }
}
