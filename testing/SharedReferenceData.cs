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
    private const string SolutionFile = "Kubernaut.Acceptance.sln";

    /// <summary>Relative to the shared directory.</summary>
    private const string CrdsDirectory = "kubernaut/crds";
    public const string DataStorageOpenApi = "kubernaut/openapi/data-storage-v1.yaml";
    private const string GherkinCorpusDirectory = "conformance/gherkin";

    private static readonly Lazy<string?> Root = new(FindRepositoryRoot);

    /// <summary>Where the reference material is expected: ../shared beside the checkout (the directory holding Kubernaut.Acceptance.sln); null without a checkout.</summary>
    private static string? SharedDirectory => Root.Value is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared")) : null;

    /// <summary>The DataStorage OpenAPI spec, or null when it is not there.</summary>
    public static string? DataStorageOpenApiPath => Find(DataStorageOpenApi);

    /// <summary>The full path of a file or directory under shared/, or null when it does not exist.</summary>
    private static string? Find(string relativePath) =>
        PathUnderShared(relativePath) is { } path && (File.Exists(path) || Directory.Exists(path)) ? path : null;

    /// <summary>Where <paramref name="relativePath"/> is expected under shared/, or null without a checkout.</summary>
    private static string? PathUnderShared(string relativePath) =>
        SharedDirectory is { } shared ? Path.GetFullPath(Path.Combine(shared, relativePath)) : null;

    /// <summary>Why <paramref name="relativePath"/> cannot be read: the path looked for, and where CI puts the material.</summary>
    public static string WhyMissing(string relativePath)
    {
        var where = PathUnderShared(relativePath) is { } path
            ? $"{path} does not exist"
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
