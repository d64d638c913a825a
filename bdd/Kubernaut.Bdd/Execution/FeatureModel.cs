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

/// <summary>A parsed feature file: document, pickles in declaration order, and what bindings see of each scenario.</summary>
public sealed class FeatureModel
{
    private readonly Dictionary<string, Scenario> _scenarios = [];
    private readonly Dictionary<string, Rule> _ruleOfScenario = [];
    private readonly Dictionary<string, (Examples Examples, Messages.TableRow Row)> _rows = [];
    private readonly Dictionary<string, Step> _steps = [];

    private FeatureModel(string uri, string source, GherkinDocument document, IReadOnlyList<Pickle> pickles)
    {
        Uri = uri;
        Source = source;
        Document = document;
        Pickles = pickles;
        var feature = document.Feature!;
        foreach (var child in feature.Children)
        {
            Index(child.Background, child.Scenario, null);
            if (child.Rule is { } rule)
            {
                foreach (var ruleChild in rule.Children)
                {
                    Index(ruleChild.Background, ruleChild.Scenario, rule);
                }
            }
        }
        var folder = Path.GetDirectoryName(uri)?.Replace('\\', '/') ?? "";
        Info = new FeatureInfo(CultureOf(feature.Language), folder, feature.Name, feature.Description, TagNames(feature.Tags));
    }

    public string Uri { get; }

    public string Source { get; }

    public GherkinDocument Document { get; }

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

    /// <summary>The scenario's view for bindings: title, description, tags split into own and inherited, Examples values.</summary>
    public ScenarioInfo ScenarioInfoOf(Pickle pickle)
    {
        var scenario = _scenarios[pickle.AstNodeIds[0]];
        var ownTags = TagNames(scenario.Tags).ToList();
        var arguments = new OrderedDictionary();
        if (pickle.AstNodeIds.Count > 1 && _rows.TryGetValue(pickle.AstNodeIds[1], out var row))
        {
            ownTags.AddRange(TagNames(row.Examples.Tags));
            var header = row.Examples.TableHeader!.Cells;
            for (var i = 0; i < header.Count; i++)
            {
                arguments[header[i].Value] = row.Row.Cells[i].Value;
            }
        }
        var inherited = TagNames(Document.Feature!.Tags).ToList();
        if (_ruleOfScenario.TryGetValue(scenario.Id, out var rule))
        {
            inherited.AddRange(TagNames(rule.Tags));
        }
        return new ScenarioInfo(pickle.Name, scenario.Description, [.. ownTags.Distinct()], arguments, [.. inherited.Distinct()]);
    }

    /// <summary>The keyword the step was written with ("Given ", "And ", "* ").</summary>
    public string KeywordOf(PickleStep step) => _steps.TryGetValue(step.AstNodeIds[0], out var source) ? source.Keyword : "* ";

    private void Index(Background? background, Scenario? scenario, Rule? rule)
    {
        foreach (var step in background?.Steps ?? [])
        {
            _steps[step.Id] = step;
        }
        if (scenario is null)
        {
            return;
        }
        _scenarios[scenario.Id] = scenario;
        if (rule is not null)
        {
            _ruleOfScenario[scenario.Id] = rule;
        }
        foreach (var step in scenario.Steps)
        {
            _steps[step.Id] = step;
        }
        foreach (var examples in scenario.Examples)
        {
            foreach (var row in examples.TableBody)
            {
                _rows[row.Id] = (examples, row);
            }
        }
    }

    private static string[] TagNames(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@')).ToArray();

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
