using System.Runtime.CompilerServices;

namespace Kubernaut.Kubernetes.Client.Tests.Support;

/// <summary>The team's reference material (shared/ beside the repository), read at test time and never copied.</summary>
internal static class ReferenceData
{
    private const string SolutionFile = "Kubernaut.Acceptance.sln";

    /// <summary>A file under shared/; skips the calling test visibly when the reference material is absent.</summary>
    public static string Require(string relativePath)
    {
        var path = SharedDirectory() is { } shared ? Path.Combine(shared, relativePath) : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"Reference file shared/{relativePath} is not available beside the directory holding {SolutionFile} (searched up from {AppContext.BaseDirectory} and from the test sources).");
        }

        return path;
    }

    // From the test binaries first; when they were built into an artifacts path outside the checkout, from the sources.
    private static string? SharedDirectory([CallerFilePath] string sourceFile = "") =>
        new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" }
            .Select(RepositoryRoot)
            .OfType<string>()
            .Select(root => Path.GetFullPath(Path.Combine(root, "..", "shared")))
            .FirstOrDefault(Directory.Exists);

    private static string? RepositoryRoot(string start)
    {
        for (var directory = start.Length == 0 ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
