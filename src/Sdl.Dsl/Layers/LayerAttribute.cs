using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Base of the layer attributes. A layer's <see cref="Name"/> is the TorchSharp component name, so it
    /// is the prefix of its <c>state_dict</c> keys (<c>View.name.weight</c>): keep it stable to keep checkpoints loadable.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
    public abstract class LayerAttribute : Attribute
    {
        /// <summary>Creates a layer with the given component name.</summary>
        protected LayerAttribute(string name) => Name = name;

        /// <summary>The component name: a C# identifier, unique within the view.</summary>
        public string Name { get; }

        /// <summary>
        /// True for the layers of a <see cref="FaeAttribute"/> decoder (latent back to the input), which follow
        /// the encoder layers; false (default) for encoder layers.
        /// </summary>
        public bool Decoder { get; set; }
    }
}
