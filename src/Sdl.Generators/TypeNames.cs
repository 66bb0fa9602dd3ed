namespace Sdl.Generators
{
    /// <summary>Metadata names of the types the generator reads or references, in one place.</summary>
    internal static class TypeNames
    {
        public const string MultiViewModelAttribute = "Sdl.Dsl.MultiViewModelAttribute";
        public const string ObjectiveRuntimeAttribute = "Sdl.Dsl.ObjectiveRuntimeAttribute";
        public const string LayerRuntimeAttribute = "Sdl.Dsl.LayerRuntimeAttribute";
        public const string ViewAttribute = "Sdl.Dsl.ViewAttribute";
        public const string DecorrelateAttribute = "Sdl.Dsl.DecorrelateAttribute";
        public const string LayerAttribute = "Sdl.Dsl.LayerAttribute";

        public const string DenseAttribute = "Sdl.Dsl.DenseAttribute";
        public const string DropoutAttribute = "Sdl.Dsl.DropoutAttribute";
        public const string BatchNormAttribute = "Sdl.Dsl.BatchNormAttribute";
        public const string LayerNormAttribute = "Sdl.Dsl.LayerNormAttribute";
        public const string ActivationLayerAttribute = "Sdl.Dsl.ActivationLayerAttribute";
        public const string Conv2dAttribute = "Sdl.Dsl.Conv2dAttribute";
        public const string MaxPool2dAttribute = "Sdl.Dsl.MaxPool2dAttribute";
        public const string FlattenAttribute = "Sdl.Dsl.FlattenAttribute";
        public const string ReshapeAttribute = "Sdl.Dsl.ReshapeAttribute";

        public const string SoftCcaAttribute = "Sdl.Dsl.SoftCcaAttribute";
        public const string DccaAttribute = "Sdl.Dsl.DccaAttribute";
        public const string DccaEyAttribute = "Sdl.Dsl.DccaEyAttribute";
        public const string FaeAttribute = "Sdl.Dsl.FaeAttribute";
        public const string SupervisedAttribute = "Sdl.Dsl.SupervisedAttribute";

        public const string ViewEncoder = "Sdl.Runtime.Models.ViewEncoder";
        public const string MultiViewModule = "Sdl.Runtime.Models.MultiViewModule";
        public const string TorchModule = "TorchSharp.torch+nn+Module`2";
        public const string Tensor = "TorchSharp.torch+Tensor";
    }
}
