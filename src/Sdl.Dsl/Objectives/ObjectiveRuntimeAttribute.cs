using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Marks an attribute class as a new objective (docs/extending.md): a model that carries it gets
    /// <c>new RuntimeType(Info, tapWidths)</c> as its objective, with the attribute's named arguments (except <c>Lambda</c>)
    /// set on the objective's settings record (<c>RuntimeType</c> with <c>Objective</c> replaced by <c>Settings</c>).
    /// The built-in objectives (<see cref="SoftCcaAttribute"/>, ...) are known to the generator and do not need it.
    /// </summary>
    /// <remarks>Sdl.Dsl does not reference Sdl.Runtime, so the runtime type is named by its full name.</remarks>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ObjectiveRuntimeAttribute : Attribute
    {
        /// <param name="runtimeType">The objective's runtime type, a <c>Sdl.Runtime.Objectives.MultiViewObjective</c> with a constructor <c>(ModelInfo, IReadOnlyList&lt;long&gt;)</c>.</param>
        public ObjectiveRuntimeAttribute(string runtimeType) => RuntimeType = runtimeType;

        /// <summary>The full name of the objective's runtime type.</summary>
        public string RuntimeType { get; }

        /// <summary>The fewest views the objective takes (SDL0006 below it).</summary>
        public int MinViews { get; set; } = 2;

        /// <summary>The most views the objective takes; 0 for no limit (SDL0006 above it).</summary>
        public int MaxViews { get; set; }

        /// <summary>Whether every view's embedding must have the same width (SDL0007, and at construction for measured widths).</summary>
        public bool EqualEmbeddings { get; set; }
    }
}
