using Kubernaut.Bdd.Conformance.Tests.Report;

namespace Kubernaut.Bdd.Conformance.Tests.Cck;

/// <summary>
/// The Cucumber Compatibility Kit: every sample runs through the runtime with the C# port of its step definitions,
/// and its message stream must equal the official one up to <see cref="CckNormalisation"/>, message order included.
/// Prints "CCK passed N of M" for the required samples and the status of every optional one.
/// </summary>
public sealed class CckConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Required_samples_produce_the_official_message_streams()
    {
        var catalogue = CckCatalogue.Require();
        var actualFolder = ReportToolchain.ArtifactsFolder("cck");
        var results = new List<CckResult>();
        foreach (var sample in catalogue.Samples)
        {
            results.Add(await CckRun.RunAsync(sample, actualFolder, TestContext.Current.CancellationToken));
        }

        var required = results.Where(r => r.Sample.Required).ToList();
        var optional = results.Where(r => !r.Sample.Required).ToList();
        var requiredFailures = required.Where(r => r.Verdict != CckVerdict.Passed).ToList();
        var lines = new List<string>
        {
            $"CCK passed {required.Count - requiredFailures.Count} of {required.Count}",
        };
        lines.AddRange(requiredFailures.Select(r => $"  FAILED {r}"));
        lines.Add($"CCK optional samples: passed {optional.Count(r => r.Verdict == CckVerdict.Passed)} of {optional.Count}, "
            + $"failed {optional.Count(r => r.Verdict == CckVerdict.Failed)}, not run {optional.Count(r => r.Verdict == CckVerdict.NotRun)}");
        lines.AddRange(optional.Select(r => $"  {r.Verdict switch { CckVerdict.Passed => "passed", CckVerdict.Failed => "failed", _ => "not run" }} {r.Sample.Name}{(r.Verdict == CckVerdict.Passed ? "" : ": " + r.Reason)}"));
        lines.Add($"CCK message streams of this run: {actualFolder}");
        ConformanceSummary.Write(output, "cck", lines);

        Assert.True(requiredFailures.Count == 0,
            $"{requiredFailures.Count} of {required.Count} required CCK samples differ from the official message streams:\n{string.Join("\n", requiredFailures)}");
    }
}
