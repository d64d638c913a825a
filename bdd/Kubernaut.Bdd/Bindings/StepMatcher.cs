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
    private (List<string> DefinitionIds, List<StepMatchArgumentsList> Arguments)? _messageParts;

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

    /// <summary>
    /// The testStep's stepDefinitionIds and stepMatchArgumentsLists. Built once per match and shared by the test
    /// cases of every step with the same text (matches are cached), since messages are only read once emitted.
    /// </summary>
    internal (List<string> DefinitionIds, List<StepMatchArgumentsList> Arguments) MessageParts => _messageParts ??= BuildMessageParts();

    private (List<string>, List<StepMatchArgumentsList>) BuildMessageParts()
    {
        var definitionIds = new List<string>(Candidates.Count);
        var argumentLists = new List<StepMatchArgumentsList>(Candidates.Count);
        foreach (var candidate in Candidates)
        {
            definitionIds.Add(candidate.Definition.Id);
            var arguments = new List<StepMatchArgument>(candidate.Arguments.Count);
            foreach (var argument in candidate.Arguments)
            {
                arguments.Add(new StepMatchArgument { Group = argument.Group, ParameterTypeName = argument.ParameterType?.Name });
            }
            argumentLists.Add(new StepMatchArgumentsList { StepMatchArguments = arguments });
        }
        return (definitionIds, argumentLists);
    }
}

/// <summary>
/// Matches step text to step definitions with Reqnroll's rules: a [Given] matches Given steps (and the And/But after
/// them), [StepDefinition] matches all, a step after <c>*</c> matches any kind; among matches, those whose [Scope]
/// applies win over unscoped ones. The regex work, and the match itself where no [Scope] is involved, is cached per
/// step kind and text; scopes are applied per scenario.
/// </summary>
public sealed class StepMatcher
{
    private readonly BindingRegistry _registry;
    private readonly ConcurrentDictionary<(StepDefinitionType? Type, string Text), CachedMatch> _cache = new();

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

    public StepMatch Match(StepDefinitionType? type, string text, ScopeTarget scope) => Match(type, text, new LazyScopeTarget(scope));

    /// <summary>Like <see cref="Match(StepDefinitionType?, string, ScopeTarget)"/>; the scope is only asked for when a matching definition has a [Scope].</summary>
    internal StepMatch Match(StepDefinitionType? type, string text, LazyScopeTarget scope)
    {
        var cached = _cache.GetOrAdd((type, text), static (key, matcher) => matcher.CreateCachedMatch(key.Type, key.Text), this);
        return cached.Unscoped ?? MatchInScope(type, text, cached.Candidates, scope.Value);
    }

    /// <summary>Among the candidates that the target's scope admits, those with a [Scope] win over unscoped ones.</summary>
    private StepMatch MatchInScope(StepDefinitionType? type, string text, IReadOnlyList<StepCandidate> candidates, ScopeTarget target)
    {
        var inScope = candidates.Where(c => BindingScope.AnyMatches(c.Definition.Scopes, target)).ToList();
        var scoped = inScope.Where(c => c.Definition.Scopes.Count > 0).ToList();
        return MatchOf(type, text, scoped.Count > 0 ? scoped : inScope);
    }

    /// <summary>The candidates of a step text; with the match itself when no [Scope] can change it.</summary>
    private CachedMatch CreateCachedMatch(StepDefinitionType? type, string text)
    {
        var candidates = FindCandidates(type, text);
        var scopeMatters = candidates.Count > 1 || (candidates.Count == 1 && candidates[0].Definition.Scopes.Count > 0);
        return new CachedMatch(candidates, scopeMatters ? null : MatchOf(type, text, candidates));
    }

    private StepMatch MatchOf(StepDefinitionType? type, string text, IReadOnlyList<StepCandidate> candidates) => candidates.Count switch
    {
        0 => new StepMatch(StepMatchKind.Undefined, [], HintFor(type, text)),
        1 => new StepMatch(StepMatchKind.Bound, candidates, null),
        _ => new StepMatch(StepMatchKind.Ambiguous, candidates, null),
    };

    private sealed record CachedMatch(IReadOnlyList<StepCandidate> Candidates, StepMatch? Unscoped);

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
