using System.Reflection;
using System.Text.RegularExpressions;
using Kubernaut.Bdd.Messages;
using Reqnroll;
using MessageHookType = Kubernaut.Bdd.Messages.HookType;

namespace Kubernaut.Bdd.Bindings;

/// <summary>A step definition whose Cucumber expression names an undefined parameter type: it matches nothing.</summary>
public sealed record UndefinedParameterTypeUse(string Expression, string Name, BindingMethod Method);

/// <summary>
/// Every binding of a run, discovered once from the binding types: step definitions with compiled expressions,
/// hooks sorted for execution, transformations and parameter types, the support-code messages in definition order,
/// and the errors that make bindings unusable.
/// </summary>
public sealed class BindingRegistry
{
    private readonly Dictionary<Reqnroll.HookType, HookBinding[]> _hooksByType;

    private BindingRegistry(
        List<StepDefinitionBinding> stepDefinitions, List<HookBinding> hooks, List<StepArgumentTransformationBinding> transformations,
        ParameterTypeRegistry parameterTypes, List<string> errors, List<UndefinedParameterTypeUse> undefinedParameterTypes, List<Envelope> messages)
    {
        StepDefinitions = stepDefinitions;
        Hooks = hooks;
        Transformations = transformations;
        ParameterTypes = parameterTypes;
        Errors = errors;
        UndefinedParameterTypes = undefinedParameterTypes;
        Messages = messages;
        Converter = new ArgumentConverter(transformations);
        _hooksByType = Enum.GetValues<Reqnroll.HookType>().ToDictionary(t => t, t => SortForExecution(hooks.Where(h => h.Type == t).ToList(), t));
    }

    public IReadOnlyList<StepDefinitionBinding> StepDefinitions { get; }

    /// <summary>All hooks in definition order.</summary>
    public IReadOnlyList<HookBinding> Hooks { get; }

    public IReadOnlyList<StepArgumentTransformationBinding> Transformations { get; }

    public ParameterTypeRegistry ParameterTypes { get; }

    /// <summary>Problems that make bindings unusable; a run with errors fails every scenario with them.</summary>
    public IReadOnlyList<string> Errors { get; }

    public IReadOnlyList<UndefinedParameterTypeUse> UndefinedParameterTypes { get; }

    /// <summary>stepDefinition, hook, parameterType and undefinedParameterType envelopes in definition order.</summary>
    public IReadOnlyList<Envelope> Messages { get; }

    public ArgumentConverter Converter { get; }

    /// <summary>
    /// Hooks of one type in execution order: ascending Order; among equal orders, definition order for Before hooks
    /// and reverse definition order for After hooks (Cucumber's rule, so set-up and tear-down nest).
    /// </summary>
    public IReadOnlyList<HookBinding> HooksOf(Reqnroll.HookType type) => _hooksByType[type];

    /// <param name="types">Binding types in the order their definitions are reported.</param>
    /// <param name="ids">Allocates the support-code message ids.</param>
    /// <param name="sourceRoot">Binding source files are reported relative to this directory; null keeps absolute paths.</param>
    public static BindingRegistry Build(IEnumerable<Type> types, IIdGenerator ids, string? sourceRoot)
    {
        var errors = new List<string>();
        var items = types.SelectMany(t => Discover(t, sourceRoot, errors)).ToList();

        var transformations = new List<StepArgumentTransformationBinding>();
        var customParameterTypes = new List<ParameterTypeDefinition>();
        foreach (var item in items.Where(i => i.Attribute is StepArgumentTransformationAttribute))
        {
            var attribute = (StepArgumentTransformationAttribute)item.Attribute;
            if (attribute.Regex is not null && !IsValidRegex(attribute.Regex, out var regexError))
            {
                errors.Add($"The regex of [StepArgumentTransformation] {item.Method.Signature} at {item.Method.Location} is invalid: {regexError}");
                continue;
            }
            var transformation = new StepArgumentTransformationBinding(attribute.Regex, attribute.Name, item.Method);
            transformations.Add(transformation);
            if (attribute.Name is not null || attribute.Regex is not null)
            {
                var definition = new ParameterTypeDefinition(attribute.Name ?? transformation.TargetType.Name, [attribute.Regex ?? ParameterTypeRegistry.AnythingRegex],
                    ParameterValueKind.Transformation, transformation);
                item.ParameterType = definition;
                customParameterTypes.Add(definition);
            }
        }
        foreach (var duplicate in customParameterTypes.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            errors.Add($"The parameter type {{{duplicate.Key}}} is defined {duplicate.Count()} times: {string.Join("; ", duplicate.Select(d => d.Transformation!.Method.Signature + " at " + d.Transformation.Method.Location))}. Give each a distinct Name.");
        }

        var enumTypes = items.Where(i => i.Attribute is StepDefinitionBaseAttribute)
            .SelectMany(i => i.Method.ParameterTypes)
            .Select(t => Nullable.GetUnderlyingType(t) ?? t)
            .Where(t => t.IsEnum);
        var parameterTypes = new ParameterTypeRegistry(customParameterTypes, enumTypes);

        var stepDefinitions = new List<StepDefinitionBinding>();
        var hooks = new List<HookBinding>();
        var undefined = new List<UndefinedParameterTypeUse>();
        var messages = new List<Envelope>();
        foreach (var item in items)
        {
            switch (item.Attribute)
            {
                case StepDefinitionBaseAttribute step:
                    AddStepDefinition(item, step, ids, parameterTypes, stepDefinitions, undefined, messages, errors);
                    break;
                case HookAttribute hook:
                    AddHook(item, hook, ids, hooks, messages, errors);
                    break;
                case StepArgumentTransformationAttribute when item.ParameterType is { } definition:
                    definition.Id = ids.NewId();
                    messages.Add(Envelope.Of(new ParameterType
                    {
                        Id = definition.Id,
                        Name = definition.Name,
                        RegularExpressions = [.. definition.Regexes],
                        PreferForRegularExpressionMatch = false,
                        UseForSnippets = true,
                        SourceReference = SourceReferenceOf(item.Method),
                    }));
                    break;
            }
        }
        return new BindingRegistry(stepDefinitions, hooks, transformations, parameterTypes, errors, undefined, messages);
    }

    private static void AddStepDefinition(BindingItem item, StepDefinitionBaseAttribute step, IIdGenerator ids, ParameterTypeRegistry parameterTypes,
        List<StepDefinitionBinding> stepDefinitions, List<UndefinedParameterTypeUse> undefined, List<Envelope> messages, List<string> errors)
    {
        var method = item.Method;
        if (string.IsNullOrEmpty(step.Expression))
        {
            errors.Add($"{method.Signature} at {method.Location} has a step attribute without text. Method-name step definitions are not supported: write the step text, e.g. [Given(\"a notification\")].");
            return;
        }
        var id = ids.NewId();
        var isRegex = step.ExpressionType switch
        {
            ExpressionType.RegularExpression => true,
            ExpressionType.CucumberExpression => false,
            _ => LooksLikeRegex(step.Expression),
        };
        StepExpression expression;
        try
        {
            expression = isRegex ? new RegexStepExpression(step.Expression) : CucumberStepExpression.Compile(step.Expression, parameterTypes);
        }
        catch (UndefinedParameterTypeException ex)
        {
            undefined.Add(new UndefinedParameterTypeUse(step.Expression, ex.ParameterTypeName, method));
            messages.Add(Envelope.Of(new UndefinedParameterType { Expression = step.Expression, Name = ex.ParameterTypeName }));
            return;
        }
        catch (Exception ex) when (ex is CucumberExpressionException or ArgumentException)
        {
            errors.Add($"The expression of {method.Signature} at {method.Location} is invalid: {ex.Message}");
            return;
        }
        stepDefinitions.Add(new StepDefinitionBinding(id, step.Types, expression, method, item.Scopes));
        messages.Add(Envelope.Of(new StepDefinition
        {
            Id = id,
            Pattern = new StepDefinitionPattern { Source = step.Expression, Type = expression.PatternType },
            SourceReference = SourceReferenceOf(method),
        }));
    }

    private static void AddHook(BindingItem item, HookAttribute hook, IIdGenerator ids, List<HookBinding> hooks, List<Envelope> messages, List<string> errors)
    {
        var method = item.Method;
        var runLevel = hook.HookType is Reqnroll.HookType.BeforeTestRun or Reqnroll.HookType.AfterTestRun or Reqnroll.HookType.BeforeFeature or Reqnroll.HookType.AfterFeature;
        if (runLevel && !method.IsStatic)
        {
            errors.Add($"The [{hook.HookType}] hook {method.Signature} at {method.Location} must be static: it runs outside any scenario.");
            return;
        }
        HookBinding binding;
        try
        {
            binding = new HookBinding(ids.NewId(), hook.HookType, hook.Order, hook.Name, hook.Tags, method, item.Scopes);
        }
        catch (BindingException ex)
        {
            errors.Add($"The tags of the [{hook.HookType}] hook {method.Signature} at {method.Location} are invalid: {ex.Message}");
            return;
        }
        hooks.Add(binding);
        messages.Add(Envelope.Of(new Hook
        {
            Id = binding.Id,
            Name = binding.Name,
            SourceReference = SourceReferenceOf(method),
            TagExpression = binding.TagFilterText,
            Type = hook.HookType switch
            {
                Reqnroll.HookType.BeforeTestRun or Reqnroll.HookType.BeforeFeature => MessageHookType.BEFORE_TEST_RUN,
                Reqnroll.HookType.AfterTestRun or Reqnroll.HookType.AfterFeature => MessageHookType.AFTER_TEST_RUN,
                Reqnroll.HookType.BeforeScenario => MessageHookType.BEFORE_TEST_CASE,
                Reqnroll.HookType.AfterScenario => MessageHookType.AFTER_TEST_CASE,
                Reqnroll.HookType.BeforeStep => MessageHookType.BEFORE_TEST_STEP,
                _ => MessageHookType.AFTER_TEST_STEP,
            },
        }));
    }

    /// <summary>Reqnroll's rule: a regex when anchored with ^ or $, or when it uses regex-only constructs and no {parameter}.</summary>
    internal static bool LooksLikeRegex(string expression)
    {
        if (expression.StartsWith('^') || expression.EndsWith('$'))
        {
            return true;
        }
        if (Regex.IsMatch(expression, @"{\w*}"))
        {
            return false;
        }
        return Regex.IsMatch(expression, @"(\([^\)]+[\*\+]\)|\.\*)") || Regex.IsMatch(expression, @"(\\\.|\\d\+)");
    }

    private static IEnumerable<BindingItem> Discover(Type type, string? sourceRoot, List<string> errors)
    {
        var classScopes = ScopesOf(type.GetCustomAttributes<ScopeAttribute>(), type.FullName!, errors);
        var items = new List<BindingItem>();
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        {
            var attributes = method.GetCustomAttributes().Where(a => a is StepDefinitionBaseAttribute or HookAttribute or StepArgumentTransformationAttribute).ToList();
            if (attributes.Count == 0)
            {
                continue;
            }
            var methodScopes = ScopesOf(method.GetCustomAttributes<ScopeAttribute>(), $"{type.Name}.{method.Name}", errors);
            var scopes = methodScopes.Count > 0 ? methodScopes : classScopes;
            foreach (var attribute in attributes)
            {
                var (line, file) = attribute switch
                {
                    StepDefinitionBaseAttribute s => (s.SourceLine, s.SourceFile),
                    HookAttribute h => (h.SourceLine, h.SourceFile),
                    StepArgumentTransformationAttribute t => (t.SourceLine, t.SourceFile),
                    _ => (0, ""),
                };
                var bindingMethod = new BindingMethod(method, file, line, RelativeUri(file, sourceRoot));
                if (bindingMethod.IsAsyncVoid)
                {
                    errors.Add($"{bindingMethod.Signature} at {bindingMethod.Location} is async void, so its failures cannot be reported: return Task instead.");
                    continue;
                }
                items.Add(new BindingItem(attribute, bindingMethod, scopes, line == 0 ? int.MaxValue : line, method.MetadataToken));
            }
        }
        return items.OrderBy(i => i.Line).ThenBy(i => i.Token);
    }

    private static List<BindingScope> ScopesOf(IEnumerable<ScopeAttribute> attributes, string owner, List<string> errors)
    {
        var scopes = new List<BindingScope>();
        foreach (var scope in attributes)
        {
            try
            {
                scopes.Add(new BindingScope(scope.Tag is null ? null : TagExpression.Parse(scope.Tag), scope.Feature, scope.Scenario));
            }
            catch (BindingException ex)
            {
                errors.Add($"The [Scope] of {owner} is invalid: {ex.Message}");
            }
        }
        return scopes;
    }

    private static HookBinding[] SortForExecution(List<HookBinding> hooks, Reqnroll.HookType type)
    {
        var isAfter = type is Reqnroll.HookType.AfterTestRun or Reqnroll.HookType.AfterFeature or Reqnroll.HookType.AfterScenario or Reqnroll.HookType.AfterStep;
        return hooks.Select((hook, index) => (hook, index))
            .OrderBy(h => h.hook.Order)
            .ThenBy(h => isAfter ? -h.index : h.index)
            .Select(h => h.hook)
            .ToArray();
    }

    private static SourceReference SourceReferenceOf(BindingMethod method) => method.SourceFile is null
        ? new SourceReference
        {
            JavaMethod = new JavaMethod
            {
                ClassName = method.DeclaringType.FullName!,
                MethodName = method.Method.Name,
                MethodParameterTypes = method.ParameterTypes.Select(t => t.FullName ?? t.Name).ToList(),
            },
        }
        : new SourceReference { Uri = method.SourceUri, Location = new Location(method.SourceLine, null) };

    private static string RelativeUri(string file, string? sourceRoot)
    {
        if (file.Length == 0 || sourceRoot is null)
        {
            return file.Replace('\\', '/');
        }
        var relative = Path.GetRelativePath(sourceRoot, file);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative).Replace('\\', '/');
    }

    private static bool IsValidRegex(string pattern, out string error)
    {
        try
        {
            _ = new Regex(pattern);
            error = "";
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private sealed class BindingItem(Attribute attribute, BindingMethod method, IReadOnlyList<BindingScope> scopes, int line, int token)
    {
        public Attribute Attribute { get; } = attribute;
        public BindingMethod Method { get; } = method;
        public IReadOnlyList<BindingScope> Scopes { get; } = scopes;
        public int Line { get; } = line;
        public int Token { get; } = token;
        public ParameterTypeDefinition? ParameterType { get; set; }
    }
}
