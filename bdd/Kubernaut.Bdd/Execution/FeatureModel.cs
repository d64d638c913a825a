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
    private GherkinDocument? _document;

    private FeatureModel(string uri, string source, GherkinDocument document, IReadOnlyList<Pickle> pickles)
    {
        // Sized from the pickles (one per scenario or Examples row) so that large features are indexed without rehashing.
        _scenarios = new Dictionary<string, ScenarioFacts>(pickles.Count);
        _rows = new Dictionary<string, RowFacts>(pickles.Count(p => p.AstNodeIds.Count > 1));
        Uri = uri;
        Source = source;
        Pickles = pickles;
        _document = document;
        var feature = document.Feature!;
        var keywords = new HashSet<string>();
        var featureTags = DistinctTagNames(feature.Tags);
        // Backgrounds precede the scenarios they apply to (the parser enforces it).
        StepKeyword[] featureBackground = [];
        foreach (var child in feature.Children)
        {
            if (child.Background is { } background)
            {
                featureBackground = StepKeywords([], background.Steps, keywords);
            }
            if (child.Scenario is { } scenario)
            {
                Index(scenario, featureTags, featureBackground, keywords);
            }
            if (child.Rule is { } rule)
            {
                var inherited = ScenarioInfo.Union(featureTags, DistinctTagNames(rule.Tags));
                var ruleBackground = featureBackground;
                foreach (var ruleChild in rule.Children)
                {
                    if (ruleChild.Background is { } ruleBackgroundNode)
                    {
                        ruleBackground = StepKeywords(featureBackground, ruleBackgroundNode.Steps, keywords);
                    }
                    if (ruleChild.Scenario is { } ruleScenario)
                    {
                        Index(ruleScenario, inherited, ruleBackground, keywords);
                    }
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

    /// <summary>The keyword the pickle's step was written with ("Given ", "And ", "* ").</summary>
    public string KeywordOf(Pickle pickle, PickleStep step)
    {
        var stepId = step.AstNodeIds[0];
        foreach (var (id, keyword) in _scenarios[pickle.AstNodeIds[0]].StepKeywords)
        {
            if (id == stepId)
            {
                return keyword;
            }
        }
        return "* ";
    }

    /// <param name="inheritedTags">The distinct names of the feature's and the rule's tags, shared by their scenarios.</param>
    /// <param name="background">The keywords of the background steps that apply to the scenario.</param>
    private void Index(Scenario scenario, string[] inheritedTags, StepKeyword[] background, HashSet<string> keywords)
    {
        _scenarios[scenario.Id] = new ScenarioFacts(scenario.Description, DistinctTagNames(scenario.Tags), inheritedTags, StepKeywords(background, scenario.Steps, keywords));
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

    /// <summary>
    /// The keywords of <paramref name="before"/> and then of <paramref name="steps"/>, by step id: what a scenario's
    /// pickle steps come from. Kept per scenario (a few entries) rather than in one table of every step of the feature,
    /// which in a large feature would be a large object. One string per distinct keyword.
    /// </summary>
    private static StepKeyword[] StepKeywords(StepKeyword[] before, List<Step> steps, HashSet<string> keywords)
    {
        var all = new StepKeyword[before.Length + steps.Count];
        before.CopyTo(all, 0);
        for (var i = 0; i < steps.Count; i++)
        {
            if (!keywords.TryGetValue(steps[i].Keyword, out var keyword))
            {
                keywords.Add(keyword = steps[i].Keyword);
            }
            all[before.Length + i] = new StepKeyword(steps[i].Id, keyword);
        }
        return all;
    }

    private static string[] TagNames(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@')).ToArray();

    private static string[] DistinctTagNames(List<Tag> tags) => tags.Count == 0 ? [] : ScenarioInfo.Union(TagNames(tags), []);

    /// <summary>What a scenario's bindings see of it.</summary>
    /// <param name="Tags">Its own tags, without '@'.</param>
    /// <param name="InheritedTags">The feature's and its rule's tags, without '@'.</param>
    /// <param name="StepKeywords">The keywords of its background and own steps.</param>
    private sealed record ScenarioFacts(string Description, string[] Tags, string[] InheritedTags, StepKeyword[] StepKeywords);

    private readonly record struct StepKeyword(string StepId, string Keyword);

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
