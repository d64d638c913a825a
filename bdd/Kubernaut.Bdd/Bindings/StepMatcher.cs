using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Kubernaut.Bdd.Messages;
using Reqnroll;

namespace Kubernaut.Bdd.Bindings;

/// <summary>A step definition that matches a step, with the arguments it captured.</summary>
public sealed record StepCandidate(StepDefinitionBinding Definition, IReadOnlyList<MatchedArgument> Arguments);

public enum StepMatchKind
{
    Bound,
    Undefined,
    Ambiguous,
}

/// <summary>The result of matching one pickle step against the step definitions.</summary>
public sealed class StepMatch
{
    internal StepMatch(StepMatchKind kind, IReadOnlyList<StepCandidate> candidates, string? hint)
    {
        Kind = kind;
        Candidates = candidates;
        Hint = hint;
    }

    public StepMatchKind Kind { get; }

    /// <summary>The matching definitions: one when bound, several when ambiguous, none when undefined.</summary>
    public IReadOnlyList<StepCandidate> Candidates { get; }

    /// <summary>For an undefined step: why a near miss did not count (other step kind, undefined parameter type).</summary>
    public string? Hint { get; }

    public StepCandidate Bound => Candidates[0];
}

/// <summary>
/// Matches step text to step definitions with Reqnroll's rules: a [Given] matches Given steps (and the And/But after
/// them), [StepDefinition] matches all, a step after <c>*</c> matches any kind; among matches, those whose [Scope]
/// applies win over unscoped ones. The regex work is cached per step kind and text; scopes are applied per scenario.
/// </summary>
public sealed class StepMatcher
{
    private readonly BindingRegistry _registry;
    private readonly ConcurrentDictionary<(StepDefinitionType? Type, string Text), IReadOnlyList<StepCandidate>> _cache = new();

    public StepMatcher(BindingRegistry registry)
    {
        _registry = registry;
    }

    public static StepDefinitionType? StepTypeOf(PickleStepType? type) => type switch
    {
        PickleStepType.Context => StepDefinitionType.Given,
        PickleStepType.Action => StepDefinitionType.When,
        PickleStepType.Outcome => StepDefinitionType.Then,
        _ => null,
    };

    public StepMatch Match(StepDefinitionType? type, string text, ScopeTarget scope)
    {
        var candidates = _cache.GetOrAdd((type, text), static (key, matcher) => matcher.FindCandidates(key.Type, key.Text), this);
        if (candidates.Count > 1 || (candidates.Count == 1 && candidates[0].Definition.Scopes.Count > 0))
        {
            var inScope = candidates.Where(c => BindingScope.AnyMatches(c.Definition.Scopes, scope)).ToList();
            var scoped = inScope.Where(c => c.Definition.Scopes.Count > 0).ToList();
            candidates = scoped.Count > 0 ? scoped : inScope;
        }
        return candidates.Count switch
        {
            0 => new StepMatch(StepMatchKind.Undefined, [], HintFor(type, text)),
            1 => new StepMatch(StepMatchKind.Bound, candidates, null),
            _ => new StepMatch(StepMatchKind.Ambiguous, candidates, null),
        };
    }

    private List<StepCandidate> FindCandidates(StepDefinitionType? type, string text)
    {
        var found = new List<StepCandidate>();
        foreach (var definition in _registry.StepDefinitions)
        {
            if (type is { } kind && Array.IndexOf(definition.Types, kind) < 0)
            {
                continue;
            }
            if (definition.Expression.Match(text) is { } arguments)
            {
                found.Add(new StepCandidate(definition, arguments));
            }
        }
        return found;
    }

    private string? HintFor(StepDefinitionType? type, string text)
    {
        var hints = new List<string>();
        if (type is not null)
        {
            foreach (var other in FindCandidates(null, text))
            {
                hints.Add($"{other.Definition.Describe()} matches the text, but this is a {type} step; use [StepDefinition] or the {type} attribute.");
            }
        }
        foreach (var use in _registry.UndefinedParameterTypes.Where(u => RoughlyMatches(u.Expression, text)))
        {
            hints.Add($"The step definition \"{use.Expression}\" ({use.Method.Signature} at {use.Method.Location}) uses the undefined parameter type {{{use.Name}}}: "
                + $"define it with [StepArgumentTransformation(@\"regex\", Name = \"{use.Name}\")].");
        }
        return hints.Count == 0 ? null : string.Join(Environment.NewLine, hints);
    }

    /// <summary>Whether the expression, its parameters read as "anything", matches the text: enough to point at a likely culprit.</summary>
    private static bool RoughlyMatches(string expression, string text)
    {
        var pattern = string.Join("(.*)", Regex.Split(expression, @"\{[^}]*\}").Select(Regex.Escape));
        return Regex.IsMatch(text, "^" + pattern + "$");
    }
}
