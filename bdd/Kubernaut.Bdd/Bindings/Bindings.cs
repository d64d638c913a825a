using System.Text.RegularExpressions;
using Reqnroll;
using Pickle = Kubernaut.Bdd.Messages.Pickle;

namespace Kubernaut.Bdd.Bindings;

/// <summary>What a scope or hook filter is evaluated against.</summary>
/// <param name="Tags">Tags with their '@': the feature's for feature hooks; feature, rule, scenario and Examples tags otherwise.</param>
/// <param name="FeatureTitle">The feature's name.</param>
/// <param name="ScenarioTitle">The scenario's name; null for test-run and feature hooks.</param>
public sealed record ScopeTarget(IReadOnlyCollection<string> Tags, string FeatureTitle, string? ScenarioTitle);

/// <summary>
/// A scenario's <see cref="ScopeTarget"/>, built the first time a [Scope] or a hook's tag filter asks for it: most
/// scenarios of most suites are matched and planned without one.
/// </summary>
internal sealed class LazyScopeTarget
{
    private readonly Pickle? _pickle;
    private readonly string? _featureTitle;
    private ScopeTarget? _target;

    public LazyScopeTarget(ScopeTarget target) => _target = target;

    public LazyScopeTarget(Pickle pickle, string featureTitle)
    {
        _pickle = pickle;
        _featureTitle = featureTitle;
    }

    public ScopeTarget Value => _target ??= new ScopeTarget(_pickle!.Tags.Select(t => t.Name).ToHashSet(), _featureTitle!, _pickle.Name);
}

/// <summary>A <c>[Scope]</c>: all of its set parts must hold.</summary>
public sealed class BindingScope(TagExpression? tag, string? feature, string? scenario)
{
    public bool Matches(ScopeTarget target) =>
        (tag is null || tag.Evaluate(target.Tags))
        && (feature is null || string.Equals(feature, target.FeatureTitle, StringComparison.Ordinal))
        && (scenario is null || string.Equals(scenario, target.ScenarioTitle, StringComparison.Ordinal));

    /// <summary>True when the bindings' scopes (any of them) admit the target; no scopes admit everything.</summary>
    public static bool AnyMatches(IReadOnlyList<BindingScope> scopes, ScopeTarget target) => scopes.Count == 0 || scopes.Any(s => s.Matches(target));
}

/// <summary>A step definition: one expression of one binding method.</summary>
public sealed class StepDefinitionBinding
{
    internal StepDefinitionBinding(string id, StepDefinitionType[] types, StepExpression expression, BindingMethod method, IReadOnlyList<BindingScope> scopes)
    {
        Id = id;
        Types = types;
        Expression = expression;
        Method = method;
        Scopes = scopes;
    }

    /// <summary>The stepDefinition message id.</summary>
    public string Id { get; }

    public StepDefinitionType[] Types { get; }

    public StepExpression Expression { get; }

    public BindingMethod Method { get; }

    public IReadOnlyList<BindingScope> Scopes { get; }

    /// <summary>"[Given("...")] Steps.Method(Int32) at Steps/Steps.cs:12".</summary>
    public string Describe() => $"[{AttributeName}(\"{Expression.Source}\")] {Method.Signature} at {Method.Location}";

    private string AttributeName => Types.Length == 1 ? Types[0].ToString() : "StepDefinition";
}

/// <summary>A hook method with its filters.</summary>
public sealed class HookBinding
{
    internal HookBinding(string id, HookType type, int order, string? name, IReadOnlyList<string> tagFilters, BindingMethod method, IReadOnlyList<BindingScope> scopes)
    {
        Id = id;
        Type = type;
        Order = order;
        Name = name;
        TagFilterText = tagFilters.Count == 0 ? null : string.Join(" or ", tagFilters.Count == 1 ? tagFilters : tagFilters.Select(t => "(" + t + ")"));
        TagFilter = TagExpression.AnyOf(tagFilters);
        Method = method;
        Scopes = scopes;
    }

    /// <summary>The hook message id.</summary>
    public string Id { get; }

    public HookType Type { get; }

    public int Order { get; }

    public string? Name { get; }

    /// <summary>The tag filter as written (several entries joined with "or"); null when the hook has none.</summary>
    public string? TagFilterText { get; }

    public TagExpression TagFilter { get; }

    public BindingMethod Method { get; }

    public IReadOnlyList<BindingScope> Scopes { get; }

    public bool AppliesTo(ScopeTarget target) => TagFilter.Evaluate(target.Tags) && BindingScope.AnyMatches(Scopes, target);

    /// <summary>No tag filter and no [Scope]: the hook applies to every feature and scenario.</summary>
    public bool AppliesEverywhere => TagFilterText is null && Scopes.Count == 0;

    /// <summary>"[BeforeScenario] Hooks.StartDriver() at Support/Hooks.cs:20".</summary>
    public string Describe() => $"{Heading} at {Method.Location}";

    /// <summary>"[BeforeScenario \"name\"] Hooks.StartDriver()": the hook without its location, as a scenario's step list shows it.</summary>
    internal string Heading => $"[{Type}{(Name is null ? "" : $" \"{Name}\"")}] {Method.Signature}";
}

/// <summary>A <c>[StepArgumentTransformation]</c> method.</summary>
public sealed class StepArgumentTransformationBinding
{
    internal StepArgumentTransformationBinding(string? regex, string? name, BindingMethod method)
    {
        RegexSource = regex;
        Regex = regex is null ? null : new Regex("^(?:" + regex + ")$", RegexOptions.CultureInvariant);
        Name = name;
        Method = method;
        CaptureCount = Regex is null ? 0 : Regex.GetGroupNumbers().Length - 1;
    }

    public string? RegexSource { get; }

    internal Regex? Regex { get; }

    /// <summary>The explicit parameter type name, if any.</summary>
    public string? Name { get; }

    public BindingMethod Method { get; }

    public Type TargetType => Method.Method.ReturnType.IsGenericType && Method.Method.ReturnType.GetGenericTypeDefinition() is var d && (d == typeof(Task<>) || d == typeof(ValueTask<>))
        ? Method.Method.ReturnType.GetGenericArguments()[0]
        : Method.Method.ReturnType;

    internal int CaptureCount { get; }
}
