namespace Sdl.Generators.Tests.Infrastructure;

/// <summary>Reads files of the repository (the examples are snapshot cases too).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Sdl.Dsl.sln"))) return directory.FullName;
        throw new InvalidOperationException("Sdl.Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}
