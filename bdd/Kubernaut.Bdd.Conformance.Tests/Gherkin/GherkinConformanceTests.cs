using System.Text.Json.Nodes;
using Kubernaut.Bdd.Conformance.Tests.Report;
using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>
/// Runs the whole official Gherkin testdata through the parser and the pickle compiler. Each set prints
/// "passed N of M"; every in-scope file must pass, and a failure names the file and its first difference.
/// </summary>
public sealed class GherkinConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Good_files_produce_the_official_gherkin_document()
    {
        var corpus = GherkinCorpus.Require();
        var failures = new List<string>();
        foreach (var path in corpus.Good)
        {
            var (document, _, errors) = Compile(path);
            var expected = GherkinCorpus.ReadNdjson(path + ".ast.ndjson");
            var difference = errors ?? Difference(expected, [ToJson(Envelope.Of(document))]);
            if (difference != null) failures.Add($"{corpus.NameOf(path)}: {difference}");
        }
        Report("good AST", corpus, corpus.Good.Count, failures);
    }

    [Fact]
    public void Good_files_produce_the_official_pickles()
    {
        var corpus = GherkinCorpus.Require();
        var failures = new List<string>();
        foreach (var path in corpus.Good)
        {
            var (document, pickles, errors) = Compile(path);

            // Ids are normalised over the document and its pickles together, as pickles refer to AST ids.
            var expected = GherkinCorpus.ReadNdjson(path + ".ast.ndjson").Concat(GherkinCorpus.ReadNdjson(path + ".pickles.ndjson"));
            var actual = new[] { Envelope.Of(document) }.Concat(pickles.Select(Envelope.Of)).Select(ToJson);
            var difference = errors ?? Difference(expected.ToList(), actual.ToList(), skip: 1);
            if (difference != null) failures.Add($"{corpus.NameOf(path)}: {difference}");
        }
        Report("good pickles", corpus, corpus.Good.Count, failures);
    }

    [Fact]
    public void Bad_files_produce_the_official_errors()
    {
        var corpus = GherkinCorpus.Require();
        var failures = new List<string>();
        foreach (var path in corpus.Bad)
        {
            var result = new GherkinParser(new IncrementingIdGenerator()).Parse(path, File.ReadAllText(path));
            var expected = GherkinCorpus.ReadNdjson(path + ".errors.ndjson")
                .Select(envelope => envelope["parseError"]!)
                .Select(error => Describe(
                    KindOf(error["message"]!.GetValue<string>()),
                    error["source"]!["location"]!["line"]!.GetValue<int>(),
                    error["source"]!["location"]!["column"]?.GetValue<int>() ?? 0,
                    error["message"]!.GetValue<string>()))
                .ToList();
            var actual = result.Errors.Select(error => Describe(error.Kind, error.Line, error.Column, error.Message)).ToList();

            var firstMismatch = Enumerable.Range(0, Math.Max(expected.Count, actual.Count))
                .FirstOrDefault(i => i >= expected.Count || i >= actual.Count || expected[i] != actual[i], -1);
            if (firstMismatch >= 0)
            {
                failures.Add($"{corpus.NameOf(path)}: error [{firstMismatch}]: expected {expected.ElementAtOrDefault(firstMismatch) ?? "no error"}, actual {actual.ElementAtOrDefault(firstMismatch) ?? "no error"}");
            }
        }
        Report("bad errors", corpus, corpus.Bad.Count, failures);
    }

    /// <summary>The official message text decides the kind, so the corpus checks that kinds are assigned as documented.</summary>
    private static GherkinErrorKind KindOf(string message) =>
        message.Contains("): expected: ", StringComparison.Ordinal) ? GherkinErrorKind.UnexpectedToken
        : message.Contains("): unexpected end of file", StringComparison.Ordinal) ? GherkinErrorKind.UnexpectedEof
        : message.Contains("): Language not supported: ", StringComparison.Ordinal) ? GherkinErrorKind.NoSuchLanguage
        : message.Contains("): inconsistent cell count within the table", StringComparison.Ordinal) ? GherkinErrorKind.InconsistentCellCount
        : message.Contains("): A tag may not contain whitespace", StringComparison.Ordinal) ? GherkinErrorKind.InvalidTag
        : throw new InvalidOperationException($"The corpus has an error message of an unknown kind: {message}");

    private static string Describe(GherkinErrorKind kind, int line, int column, string message) => $"{kind} at {line}:{column} \"{message}\"";

    /// <summary>Parses and compiles with one incrementing id generator, as the official tooling does; errors make the file fail.</summary>
    private static (GherkinDocument Document, List<Pickle> Pickles, string? Errors) Compile(string path)
    {
        var ids = new IncrementingIdGenerator();
        var result = new GherkinParser(ids).Parse(path, File.ReadAllText(path));
        var errors = result.Success ? null : "unexpected parse errors: " + string.Join("; ", result.Errors.Select(e => e.Message));
        return (result.Document!, result.Success ? PickleCompiler.Compile(result.Document!, ids) : [], errors);
    }

    private static JsonNode ToJson(Envelope envelope) => JsonNode.Parse(MessageSerializer.Serialize(envelope))!;

    /// <summary>Compares normalised streams, ignoring the first <paramref name="skip"/> envelopes (already compared elsewhere).</summary>
    private static string? Difference(IReadOnlyList<JsonNode> expected, IReadOnlyList<JsonNode> actual, int skip = 0)
    {
        var normalisedExpected = MessageComparison.Normalise(expected);
        var normalisedActual = MessageComparison.Normalise(actual);
        if (normalisedExpected.Count != normalisedActual.Count)
        {
            return $"expected {normalisedExpected.Count - skip} messages, actual {normalisedActual.Count - skip}";
        }
        for (var i = skip; i < normalisedExpected.Count; i++)
        {
            var difference = MessageComparison.FirstDifference(normalisedExpected[i], normalisedActual[i], $"message[{i - skip}]");
            if (difference != null) return difference;
        }
        return null;
    }

    private void Report(string set, GherkinCorpus corpus, int total, List<string> failures)
    {
        ConformanceSummary.Write(output, $"gherkin-{set.Replace(' ', '-')}",
        [
            $"Gherkin {set}: passed {total - failures.Count} of {total}",
            .. corpus.OutOfScope.Select(outOfScope => $"  out of scope: {outOfScope}"),
            .. failures.Select(failure => $"  FAILED {failure}"),
        ]);
        Assert.True(failures.Count == 0, $"{set}: {failures.Count} of {total} files differ from the official output:\n{string.Join("\n", failures)}");
    }
}
