using System.Reflection;
using Kubernaut.Bdd.Reporting;

namespace Kubernaut.Bdd.Conformance.Tests.Cck;

/// <summary>A Compatibility Kit sample: its feature files, the official message stream, and our port of its step definitions.</summary>
/// <param name="FeatureFiles">In the order the official run parsed them (file name order).</param>
/// <param name="BindingTypes">The classes marked <c>[CckSample(Name)]</c>; empty when the sample has no port.</param>
/// <param name="Required">Whether conformance requires this sample to pass.</param>
/// <param name="NotRunnable">Why the sample cannot run here (runner options, Markdown), or null.</param>
public sealed record CckSample(
    string Name, string Folder, IReadOnlyList<string> FeatureFiles, string ExpectedNdjson, IReadOnlyList<Type> BindingTypes, bool Required, string? NotRunnable);

/// <summary>
/// The samples of the Cucumber Compatibility Kit installed by <c>npm ci</c> in bdd/report
/// (node_modules/@cucumber/compatibility-kit/features/&lt;sample&gt;/). They are read in place, never copied.
/// </summary>
public sealed class CckCatalogue
{
    /// <summary>The samples conformance requires; every other sample is tried and reported, without failing the run.</summary>
    public static readonly IReadOnlyList<string> RequiredSamples =
    [
        "minimal", "backgrounds", "data-tables", "doc-strings", "examples-tables", "rules", "rules-backgrounds", "hooks",
        "hooks-conditional", "hooks-named", "hooks-attachment", "attachments", "pending", "skipped", "undefined", "ambiguous",
        "parameter-types", "regular-expression", "unknown-parameter-type", "multiple-features", "global-hooks",
    ];

    private CckCatalogue(string root, IReadOnlyList<CckSample> samples)
    {
        Root = root;
        Samples = samples;
    }

    /// <summary>The features folder of the installed kit.</summary>
    public string Root { get; }

    /// <summary>Every sample of the kit, required ones first, each group in name order.</summary>
    public IReadOnlyList<CckSample> Samples { get; }

    /// <summary>Loads the installed kit, or skips the calling test with the reason and the fix.</summary>
    public static CckCatalogue Require()
    {
        var root = LocateFeatures(out var whyMissing);
        if (root is null)
        {
            Assert.Skip(whyMissing);
        }
        var ports = typeof(CckCatalogue).Assembly.GetTypes()
            .SelectMany(type => (type.GetCustomAttribute<CckSampleAttribute>()?.Samples ?? []).Select(sample => (Type: type, Sample: sample)))
            .ToLookup(port => port.Sample, port => port.Type);
        var samples = Directory.GetDirectories(root)
            .Select(folder => Load(folder, ports))
            .OrderBy(sample => sample.Required ? 0 : 1)
            .ThenBy(sample => sample.Name, StringComparer.Ordinal)
            .ToList();
        var absent = RequiredSamples.Except(samples.Select(s => s.Name)).ToList();
        Assert.True(absent.Count == 0, $"The installed Compatibility Kit at {root} lacks the required samples {string.Join(", ", absent)}: check the version pinned in bdd/report/package.json.");
        return new CckCatalogue(root, samples);
    }

    /// <summary>A file of a sample (an image or document its step definitions attach), for the ported bindings.</summary>
    public static string SampleFile(string sample, string fileName)
    {
        var root = LocateFeatures(out var whyMissing) ?? throw new InvalidOperationException(whyMissing);
        return Path.Combine(root, sample, fileName);
    }

    private static string? LocateFeatures(out string whyMissing)
    {
        var tools = ReportTools.Locate(typeof(CckCatalogue).Assembly, Environment.GetEnvironmentVariable, out whyMissing);
        if (tools is null)
        {
            return null;
        }
        if (!Directory.Exists(tools.CompatibilityKitFeatures))
        {
            whyMissing = $"the Cucumber Compatibility Kit is not installed at {tools.CompatibilityKitFeatures}: run `npm ci` in {tools.Folder} (the build does so when npm is on PATH)";
            return null;
        }
        return tools.CompatibilityKitFeatures;
    }

    private static CckSample Load(string folder, ILookup<string, Type> ports)
    {
        var name = Path.GetFileName(folder);
        var features = Directory.GetFiles(folder, "*.feature").Order(StringComparer.Ordinal).ToList();
        var arguments = Path.Combine(folder, name + ".arguments.txt");
        var notRunnable = File.Exists(arguments)
            ? $"its official run uses the runner options `{File.ReadAllText(arguments).Trim()}`, which the in-process runner does not offer"
            : features.Count == 0 && Directory.GetFiles(folder, "*.feature.md").Length > 0
                ? "it is written in Gherkin in Markdown (.feature.md), which the parser does not support"
                : null;
        return new CckSample(name, folder, features, Path.Combine(folder, name + ".ndjson"),
            ports[name].OrderBy(type => type.FullName, StringComparer.Ordinal).ToList(), RequiredSamples.Contains(name), notRunnable);
    }
}
