using System.Reflection;

namespace Kubernaut.Bdd.Conformance.Tests;

/// <summary>
/// Locates the reference corpora under /work/shared (../shared next to the repository root). They are read at run
/// time, never copied into the repository; tests skip visibly when they are absent.
/// </summary>
public static class SharedReferenceData
{
    private const string SolutionFile = "Kubernaut.Acceptance.sln";

    /// <summary>The directory at <paramref name="relativePath"/> under the shared data, or null with the reason in <paramref name="whyMissing"/>.</summary>
    public static string? Find(string relativePath, out string whyMissing)
    {
        var root = FindRepositoryRoot();
        if (root == null)
        {
            whyMissing = $"no directory holding {SolutionFile} above {AppContext.BaseDirectory} or at the build's repository root, so the shared reference data cannot be located";
            return null;
        }
        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", relativePath));
        if (!Directory.Exists(path))
        {
            whyMissing = $"the shared reference data is not present at {path} (expected beside the repository, in ../shared)";
            return null;
        }
        whyMissing = "";
        return path;
    }

    /// <summary>Like <see cref="Find"/>, but skips the calling test with the reason when the data is missing.</summary>
    public static string Require(string relativePath)
    {
        var path = Find(relativePath, out var whyMissing);
        if (path == null)
        {
            Assert.Skip(whyMissing);
        }
        return path;
    }

    /// <summary>Walks up from the test binaries; falls back to the checkout recorded at build time (for builds with an artifacts path outside it).</summary>
    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }
        var recorded = typeof(SharedReferenceData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepositoryRoot")?.Value;
        return recorded != null && File.Exists(Path.Combine(recorded, SolutionFile)) ? Path.GetFullPath(recorded) : null;
    }
}
