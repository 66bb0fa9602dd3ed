namespace Sdl.Packaging.Tests;

/// <summary>The throwaway project a user would write: it references only the two packages, declares a model and trains it briefly.</summary>
public static class ConsumerProject
{
    public static void Write(string directory, string packageFolder, string version)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="sdl-local" value="{packageFolder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- Every public generated member must carry XML documentation (CS1591 would fail this build). -->
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Sdl.Dsl" Version="{version}" />
                <PackageReference Include="Sdl.Runtime" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
    }

    private const string Program = """
        using Sdl.Dsl;
        using Sdl.Runtime.Models;
        using TorchSharp;
        using static TorchSharp.torch;

        manual_seed(1);
        using var model = new Pair();
        var optimizer = optim.Adam(model.parameters(), lr: 1e-2);
        var shared = randn(256, 3);
        var inputs = new[] { cat([shared, randn(256, 5)], 1), cat([randn(256, 2), shared], 1) };
        double first = 0, last = 0;
        for (int step = 0; step < 60; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = model.ComputeLoss(model.forward(inputs), inputs);
            loss.Total.backward();
            optimizer.step();
            if (step == 0) first = loss.Total.ToDouble();
            last = loss.Total.ToDouble();
        }
        Console.WriteLine($"keys: {string.Join(",", model.state_dict().Keys)}");
        // Hyperparameters at construction: another width, λ and α without another declaration.
        using var wide = new Pair(new ModelOptions { EmbeddingSize = 6, Lambda = 0.02, Alpha = 0.9 });
        Console.WriteLine($"wide: {wide.forward(inputs).Embeddings[0].shape[1]}, lambda {wide.Info.Hyperparameters!.Lambda}");
        Console.WriteLine($"loss {first:F4} -> {last:F4}");
        return last < first ? 0 : 1;

        /// <summary>Two views of a shared signal.</summary>
        [MultiViewModel]
        [SoftCca(Lambda = 0.01f)]
        public partial class Pair
        {
            /// <summary>The first view.</summary>
            [View(InputDim = 8)]
            [Dense("fc1", 16, Activation.ReLU)]
            [Dense("embed", 3)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Left { get; }

            /// <summary>The second view.</summary>
            [View(InputDim = 5)]
            [Dense("embed", 3)]
            [Decorrelate(Layer = "embed")]
            public partial ViewEncoder Right { get; }
        }
        """;
}
