using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kubernaut.Bdd.Gherkin;
using Kubernaut.Testing;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>
/// The official Gherkin testdata (shared/conformance/gherkin): good/*.feature with expected .ast.ndjson and
/// .pickles.ndjson, bad/*.feature with expected .errors.ndjson. Markdown files (.feature.md) are out of scope, and so
/// is any file written in an official dialect this parser does not include.
/// </summary>
public sealed partial class GherkinCorpus
{
    private GherkinCorpus(string root, JsonObject officialDialects, List<string> good, List<string> bad, List<string> outOfScope)
    {
        Root = root;
        OfficialDialects = officialDialects;
        Good = good;
        Bad = bad;
        OutOfScope = outOfScope;
    }

    private string Root { get; }

    /// <summary>The official dialect table (gherkin-languages.json): each language's keywords.</summary>
    public JsonObject OfficialDialects { get; }

    /// <summary>Paths of the in-scope good feature files.</summary>
    public IReadOnlyList<string> Good { get; }

    /// <summary>Paths of the in-scope bad feature files.</summary>
    public IReadOnlyList<string> Bad { get; }

    /// <summary>"file: reason" for every file left out.</summary>
    public IReadOnlyList<string> OutOfScope { get; }

    /// <summary>Loads the corpus, or skips the calling test when the shared data is absent.</summary>
    public static GherkinCorpus Require()
    {
        var root = SharedReferenceData.RequireGherkinCorpus();
        var officialDialects = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "gherkin-languages.json")))!.AsObject();

        var outOfScope = new List<string>();
        List<string> InScope(string set)
        {
            var inScope = new List<string>();
            foreach (var file in Directory.GetFiles(Path.Combine(root, set)).Order(StringComparer.Ordinal))
            {
                var name = $"{set}/{Path.GetFileName(file)}";
                if (file.EndsWith(".feature.md", StringComparison.Ordinal))
                {
                    outOfScope.Add($"{name}: Gherkin in Markdown is not supported");
                }
                else if (file.EndsWith(".feature", StringComparison.Ordinal))
                {
                    var language = DeclaredLanguage(file);
                    if (language != null && officialDialects.ContainsKey(language) && GherkinDialect.Get(language) == null)
                    {
                        outOfScope.Add($"{name}: written in '{language}', a dialect this parser does not include");
                    }
                    else
                    {
                        inScope.Add(file);
                    }
                }
            }
            return inScope;
        }

        var good = InScope("good");
        var bad = InScope("bad");
        return new GherkinCorpus(root, officialDialects, good, bad, outOfScope);
    }

    /// <summary>"good/x.feature" for a corpus path.</summary>
    public string NameOf(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public static IReadOnlyList<JsonNode> ReadNdjson(string path) =>
        File.ReadAllLines(path).Where(line => line.Trim().Length > 0).Select(line => JsonNode.Parse(line)!).ToList();

    private static string? DeclaredLanguage(string path) =>
        File.ReadLines(path).Select(line => LanguageHeader().Match(line)).FirstOrDefault(match => match.Success)?.Groups[1].Value;

    [GeneratedRegex(@"^\s*#\s*language\s*:\s*([a-zA-Z\-_]+)\s*$")]
    private static partial Regex LanguageHeader();
}
