using System.Collections.Specialized;
using System.Globalization;
using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;
using Reqnroll;

namespace Kubernaut.Bdd.Execution;

/// <summary>A feature file that failed to parse; the message lists every error as "uri(line,column): message".</summary>
public sealed class FeatureParseException(string uri, IReadOnlyList<GherkinError> errors)
    : ReqnrollException($"The feature file {uri} is malformed:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => Format(uri, e))))
{
    public IReadOnlyList<GherkinError> Errors { get; } = errors;

    /// <summary>"uri(line,column): description" (the column is 1 for errors at the end of the file).</summary>
    public static string Format(string uri, GherkinError error)
    {
        var description = error.Message[(error.Message.IndexOf("): ", StringComparison.Ordinal) + 3)..];
        return $"{uri}({error.Line},{Math.Max(error.Column, 1)}): {description}";
    }
}

/// <summary>
/// A parsed feature file: pickles in declaration order, what bindings see of each scenario, and the document until the
/// feature is opened. The model keeps a compact index rather than the syntax tree: the document goes to the message
/// stream when the feature opens, so a run does not keep (and the garbage collector does not copy from generation to
/// generation) the whole tree of every feature while its scenarios run.
/// </summary>
public sealed class FeatureModel
{
    private readonly Dictionary<string, ScenarioFacts> _scenarios;
    private readonly Dictionary<string, RowFacts> _rows;
    private readonly Dictionary<string, string> _keywords;
    private GherkinDocument? _document;

    private FeatureModel(string uri, string source, GherkinDocument document, IReadOnlyList<Pickle> pickles)
    {
        // Sized from the pickles (one per scenario or Examples row, each pickle step from one step) so that large
        // features are indexed without rehashing.
        _scenarios = new Dictionary<string, ScenarioFacts>(pickles.Count);
        _rows = new Dictionary<string, RowFacts>(pickles.Count(p => p.AstNodeIds.Count > 1));
        _keywords = new Dictionary<string, string>(pickles.Sum(p => p.Steps.Count));
        Uri = uri;
        Source = source;
        Pickles = pickles;
        _document = document;
        var feature = document.Feature!;
        var keywords = new HashSet<string>();
        var featureTags = DistinctTagNames(feature.Tags);
        foreach (var child in feature.Children)
        {
            Index(child.Background, child.Scenario, featureTags, keywords);
            if (child.Rule is { } rule)
            {
                var inherited = ScenarioInfo.Union(featureTags, DistinctTagNames(rule.Tags));
                foreach (var ruleChild in rule.Children)
                {
                    Index(ruleChild.Background, ruleChild.Scenario, inherited, keywords);
                }
            }
        }
        var folder = Path.GetDirectoryName(uri)?.Replace('\\', '/') ?? "";
        Info = new FeatureInfo(CultureOf(feature.Language), folder, feature.Name, feature.Description, TagNames(feature.Tags));
    }

    public string Uri { get; }

    public string Source { get; }

    /// <summary>Pickles in declaration order: the index of a pickle identifies its scenario (and Examples row).</summary>
    public IReadOnlyList<Pickle> Pickles { get; }

    public FeatureInfo Info { get; }

    /// <summary>Parses and compiles a feature; ids are drawn from <paramref name="ids"/> in the official order.</summary>
    /// <exception cref="FeatureParseException">The file is malformed.</exception>
    public static FeatureModel Parse(string uri, string source, string gherkinLanguage, IIdGenerator ids)
    {
        var result = new GherkinParser(ids, gherkinLanguage).Parse(uri, source);
        if (!result.Success || result.Document?.Feature is null)
        {
            throw new FeatureParseException(uri, result.Errors);
        }
        return new FeatureModel(uri, source, result.Document, PickleCompiler.Compile(result.Document, ids));
    }

    /// <summary>Hands the document over (to the message stream, when the feature opens); the model no longer keeps it.</summary>
    /// <exception cref="InvalidOperationException">The document was handed over before: a feature opens once.</exception>
    internal GherkinDocument TakeDocument() =>
        Interlocked.Exchange(ref _document, null) ?? throw new InvalidOperationException($"The feature {Uri} was opened twice; a feature model opens once per run.");

    /// <summary>The scenario's view for bindings: title, description, tags split into own and inherited, Examples values.</summary>
    public ScenarioInfo ScenarioInfoOf(Pickle pickle)
    {
        var scenario = _scenarios[pickle.AstNodeIds[0]];
        var tags = scenario.Tags;
        var arguments = new OrderedDictionary();
        if (pickle.AstNodeIds.Count > 1 && _rows.TryGetValue(pickle.AstNodeIds[1], out var row))
        {
            tags = ScenarioInfo.Union(tags, row.ExamplesTags);
            for (var i = 0; i < row.Header.Length; i++)
            {
                arguments[row.Header[i]] = row.Values[i];
            }
        }
        // Copies: a binding may change its ScenarioInfo's arrays without touching another scenario's.
        return new ScenarioInfo(pickle.Name, scenario.Description, [.. tags], arguments, [.. scenario.InheritedTags]);
    }

    /// <summary>The keyword the step was written with ("Given ", "And ", "* ").</summary>
    public string KeywordOf(PickleStep step) => _keywords.GetValueOrDefault(step.AstNodeIds[0], "* ");

    /// <param name="inheritedTags">The distinct names of the feature's and the rule's tags, shared by their scenarios.</param>
    private void Index(Background? background, Scenario? scenario, string[] inheritedTags, HashSet<string> keywords)
    {
        foreach (var step in (IEnumerable<Step>?)background?.Steps ?? [])
        {
            IndexKeyword(step, keywords);
        }
        if (scenario is null)
        {
            return;
        }
        _scenarios[scenario.Id] = new ScenarioFacts(scenario.Description, DistinctTagNames(scenario.Tags), inheritedTags);
        foreach (var step in scenario.Steps)
        {
            IndexKeyword(step, keywords);
        }
        foreach (var examples in scenario.Examples)
        {
            var examplesTags = DistinctTagNames(examples.Tags);
            var header = examples.TableHeader?.Cells.Select(c => c.Value).ToArray() ?? [];
            foreach (var row in examples.TableBody)
            {
                _rows[row.Id] = new RowFacts(examplesTags, header, row.Cells.Select(c => c.Value).ToArray());
            }
        }
    }

    /// <summary>Indexes the step's keyword, one string per distinct keyword.</summary>
    private void IndexKeyword(Step step, HashSet<string> keywords)
    {
        if (!keywords.TryGetValue(step.Keyword, out var keyword))
        {
            keywords.Add(keyword = step.Keyword);
        }
        _keywords[step.Id] = keyword;
    }

    private static string[] TagNames(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@')).ToArray();

    private static string[] DistinctTagNames(List<Tag> tags) => tags.Count == 0 ? [] : ScenarioInfo.Union(TagNames(tags), []);

    /// <summary>What a scenario's bindings see of it.</summary>
    /// <param name="Tags">Its own tags, without '@'.</param>
    /// <param name="InheritedTags">The feature's and its rule's tags, without '@'.</param>
    private sealed record ScenarioFacts(string Description, string[] Tags, string[] InheritedTags);

    /// <summary>An Examples row: its block's tags, the header and the row's values.</summary>
    private sealed record RowFacts(string[] ExamplesTags, string[] Header, string[] Values);

    private static CultureInfo CultureOf(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
