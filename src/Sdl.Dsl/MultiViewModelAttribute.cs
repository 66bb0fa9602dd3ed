using System;

namespace Sdl.Dsl
{
    /// <summary>
    /// Marks a <c>partial class</c> as a deep multi-view model. The Sdl.Dsl source generator completes
    /// the class as a TorchSharp module (<c>Sdl.Runtime.Models.MultiViewModule</c>) with one encoder per
    /// <see cref="ViewAttribute"/> property, the decorrelation losses of every <see cref="DecorrelateAttribute"/>
    /// and the loss of exactly one objective (<see cref="SoftCcaAttribute"/>, <see cref="DccaAttribute"/>,
    /// <see cref="FaeAttribute"/> or <see cref="SupervisedAttribute"/>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class MultiViewModelAttribute : Attribute
    {
    }
}
