using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Sdl.Runtime.Models;

namespace Sdl.Generators.Tests.Infrastructure;

/// <summary>Compiles generated code to an in-memory assembly and creates its models, to run them with real TorchSharp.</summary>
public static class CompiledModels
{
    public static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        // A collectible context of its own, resolving TorchSharp and Sdl.Runtime to the test's copies.
        var context = new AssemblyLoadContext(compilation.AssemblyName + Guid.NewGuid().ToString("N"), isCollectible: false);
        return context.LoadFromStream(image);
    }

    public static MultiViewModule Create(Assembly assembly, string typeName) =>
        (MultiViewModule)Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!)!;
}
