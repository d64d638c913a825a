using System.Text.Json.Nodes;
using Kubernaut.Bdd.Conformance.Tests.Gherkin;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Runner;

namespace Kubernaut.Bdd.Conformance.Tests.Cck;

public enum CckVerdict
{
    Passed,
    Failed,
    NotRun,
}

/// <summary>How one sample fared: passed, failed with its first difference, or not run and why.</summary>
public sealed record CckResult(CckSample Sample, CckVerdict Verdict, string? Reason)
{
    public override string ToString() => $"{Sample.Name}: {Reason}";
}

/// <summary>Runs a sample's feature files through <see cref="BddRunner"/> with its ported bindings and compares the stream with the official one.</summary>
public static class CckRun
{
    /// <param name="actualFolder">An existing folder where our stream of each sample is written (&lt;sample&gt;.ndjson), to compare by hand.</param>
    public static async Task<CckResult> RunAsync(CckSample sample, string actualFolder, CancellationToken cancellationToken)
    {
        if (sample.NotRunnable is { } reason)
        {
            return new CckResult(sample, CckVerdict.NotRun, reason);
        }
        if (sample.BindingTypes.Count == 0 && Directory.GetFiles(sample.Folder, "*.ts").FirstOrDefault() is { } stepDefinitions)
        {
            return new CckResult(sample, CckVerdict.NotRun, $"{Path.GetFileName(stepDefinitions)} has no C# port (a class marked [CckSample(\"{sample.Name}\")])");
        }

        var result = await BddRunner.RunAsync(new BddRunOptions
        {
            Features = sample.FeatureFiles.Select(file => new FeatureSource(Path.GetFileName(file), File.ReadAllText(file))).ToList(),
            BindingTypes = sample.BindingTypes,
            IdGenerator = new IncrementingIdGenerator(),
            Environment = _ => null,
        }, cancellationToken);
        var actualNdjson = Path.Combine(actualFolder, sample.Name + ".ndjson");
        await File.WriteAllTextAsync(actualNdjson, result.ToNdjson(), cancellationToken);

        var expected = CckNormalisation.Normalise(GherkinCorpus.ReadNdjson(sample.ExpectedNdjson), sample.Name);
        var actual = CckNormalisation.Normalise(GherkinCorpus.ReadNdjson(actualNdjson), sample.Name);
        var difference = FirstDifference(expected, actual);
        return difference is null
            ? new CckResult(sample, CckVerdict.Passed, "passed")
            : new CckResult(sample, CckVerdict.Failed, difference);
    }

    /// <summary>"envelope[i].path: expected X, actual Y" for the first envelope that differs, or a count mismatch; null when equal.</summary>
    public static string? FirstDifference(IReadOnlyList<JsonNode> expected, IReadOnlyList<JsonNode> actual)
    {
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            if (MessageComparison.FirstDifference(expected[i], actual[i], $"envelope[{i}]") is { } difference)
            {
                var (expectedKind, actualKind) = (KindOf(expected[i]), KindOf(actual[i]));
                return expectedKind == actualKind ? difference : $"{difference} (expected message kind {expectedKind}, actual {actualKind})";
            }
        }
        if (expected.Count == actual.Count)
        {
            return null;
        }
        var extra = expected.Count > actual.Count
            ? $"first missing: {KindOf(expected[actual.Count])}"
            : $"first extra: {KindOf(actual[expected.Count])}";
        return $"expected {expected.Count} envelopes, actual {actual.Count}; {extra}";
    }

    private static string KindOf(JsonNode envelope) => envelope.AsObject().Select(p => p.Key).FirstOrDefault() ?? "empty";
}
