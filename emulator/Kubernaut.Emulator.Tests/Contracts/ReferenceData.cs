using System.Runtime.CompilerServices;

namespace Kubernaut.Emulator.Tests.Contracts;

/// <summary>
/// The team's reference material (/work/shared beside the repository): read at test time, never copied into the repo.
/// </summary>
internal static class ReferenceData
{
    private const string SolutionFile = "Kubernaut.Acceptance.sln";

    /// <summary>The DataStorage OpenAPI spec, or null when the reference material is not next to this checkout.</summary>
    public static string? DataStorageOpenApiPath
    {
        get
        {
            var shared = SharedDirectory();
            var path = shared is null ? null : Path.Combine(shared, "kubernaut", "openapi", "data-storage-v1.yaml");
            return path is not null && File.Exists(path) ? path : null;
        }
    }

    /// <summary>The spec path; skips the calling test visibly when it is absent.</summary>
    public static string RequireDataStorageOpenApi()
    {
        var path = DataStorageOpenApiPath;
        if (path is null)
        {
            Assert.Skip($"The DataStorage OpenAPI spec is not available: expected shared/kubernaut/openapi/data-storage-v1.yaml beside the directory holding {SolutionFile} (searched up from {AppContext.BaseDirectory} and from the test sources).");
        }
        return path;
    }

    // From the test binaries first; when they were built into an artifacts path outside the checkout
    // (dotnet test --artifacts-path /tmp/...), from where this source file was compiled.
    private static string? SharedDirectory([CallerFilePath] string sourceFile = "") =>
        new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" }
            .Select(RepositoryRoot)
            .OfType<string>()
            .Select(root => Path.GetFullPath(Path.Combine(root, "..", "shared")))
            .FirstOrDefault(Directory.Exists);

    private static string? RepositoryRoot(string start)
    {
        for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
