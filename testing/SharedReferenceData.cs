using System.Reflection;

namespace Kubernaut.Testing;

/// <summary>
/// Kubernaut's reference material (CRDs, the DataStorage OpenAPI spec, the conformance corpora) in
/// <c>shared/</c> beside the clone: read at test time, never copied into the repository. One source file, linked into
/// every test project that reads it (testing/SharedReferenceData.props); a test that needs a missing piece skips
/// visibly, naming the path it looked for.
/// </summary>
internal static class SharedReferenceData
{
    public const string SolutionFile = "Kubernaut.Acceptance.sln";

    /// <summary>Relative to the shared directory.</summary>
    public const string CrdsDirectory = "kubernaut/crds";
    public const string DataStorageOpenApi = "kubernaut/openapi/data-storage-v1.yaml";
    public const string GherkinCorpusDirectory = "conformance/gherkin";

    private static readonly Lazy<string?> Root = new(FindRepositoryRoot);

    /// <summary>The checkout (the directory holding Kubernaut.Acceptance.sln), or null when none is found.</summary>
    public static string? RepositoryRoot => Root.Value;

    /// <summary>Where the reference material is expected: ../shared beside the checkout; null without a checkout.</summary>
    public static string? SharedDirectory => RepositoryRoot is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared")) : null;

    /// <summary>The DataStorage OpenAPI spec, or null when it is not there.</summary>
    public static string? DataStorageOpenApiPath => Find(DataStorageOpenApi);

    /// <summary>The full path of a file or directory under shared/, or null when it does not exist.</summary>
    public static string? Find(string relativePath)
    {
        if (SharedDirectory is not { } shared)
        {
            return null;
        }
        var path = Path.GetFullPath(Path.Combine(shared, relativePath));
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    /// <summary>Why <paramref name="relativePath"/> cannot be read: the path looked for, and where CI puts the material.</summary>
    public static string WhyMissing(string relativePath)
    {
        var where = SharedDirectory is { } shared
            ? $"{Path.GetFullPath(Path.Combine(shared, relativePath))} does not exist"
            : $"no directory holding {SolutionFile} was found above {AppContext.BaseDirectory}, and the build recorded no checkout that still holds it";
        return $"Reference data shared/{relativePath} is not available: {where}. The tests read Kubernaut's reference material from ../shared beside the clone, where CI checks it out.";
    }

    /// <summary>The full path of a file or directory under shared/; skips the calling test, saying why, when it is absent.</summary>
    public static string Require(string relativePath)
    {
        var path = Find(relativePath);
        if (path is null)
        {
            Xunit.Assert.Skip(WhyMissing(relativePath));
        }
        return path;
    }

    public static string RequireDataStorageOpenApi() => Require(DataStorageOpenApi);

    /// <summary>A CRD file such as kubernaut.ai_notificationrequests.yaml.</summary>
    public static string RequireCrd(string fileName) => Require($"{CrdsDirectory}/{fileName}");

    /// <summary>The official Gherkin testdata directory.</summary>
    public static string RequireGherkinCorpus() => Require(GherkinCorpusDirectory);

    /// <summary>
    /// Up from the test binaries first; when they were built into an artifacts path outside the checkout
    /// (dotnet test --artifacts-path /tmp/...), the checkout the build recorded (AssemblyMetadata RepositoryRoot).
    /// </summary>
    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }
        var recorded = typeof(SharedReferenceData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepositoryRoot")?.Value;
        return recorded is { Length: > 0 } && File.Exists(Path.Combine(recorded, SolutionFile)) ? Path.GetFullPath(recorded) : null;
    }
}
