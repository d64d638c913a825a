using System.Text;
using System.Text.RegularExpressions;
using Kubernaut.Bdd.Messages;
using Group = Kubernaut.Bdd.Messages.Group;
using static Kubernaut.Bdd.Bindings.CucumberExpressionParser;

namespace Kubernaut.Bdd.Bindings;

/// <summary>One argument a step expression captured: its group tree (as in the message stream) and its parameter type.</summary>
/// <param name="Group">The capture with its nested captures; an unmatched capture has no start and value.</param>
/// <param name="ParameterType">The Cucumber expression parameter type; null for regular expressions.</param>
public sealed record MatchedArgument(Group Group, ParameterTypeDefinition? ParameterType)
{
    /// <summary>The captured text; empty for an optional capture that did not match.</summary>
    public string Text => Group.Value ?? "";
}

/// <summary>The compiled text of a step definition.</summary>
public abstract class StepExpression
{
    private protected StepExpression(string source, string pattern)
    {
        Source = source;
        Regex = new Regex(pattern, RegexOptions.CultureInvariant);
        Groups = GroupTree.FromPattern(pattern);
    }

    /// <summary>The expression as written in the attribute.</summary>
    public string Source { get; }

    public abstract StepDefinitionPatternType PatternType { get; }

    internal Regex Regex { get; }

    internal GroupTree Groups { get; }

    /// <summary>The arguments when the expression matches the whole text; null otherwise.</summary>
    public IReadOnlyList<MatchedArgument>? Match(string text)
    {
        var match = Regex.Match(text);
        if (!match.Success)
        {
            return null;
        }
        var root = Groups.Build(match);
        var children = root.Children ?? [];
        var arguments = new MatchedArgument[children.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = new MatchedArgument(children[i], ParameterTypeAt(i));
        }
        return arguments;
    }

    private protected abstract ParameterTypeDefinition? ParameterTypeAt(int index);
}

/// <summary>A regular expression, anchored to match the whole step text; its top-level captures are the arguments.</summary>
public sealed class RegexStepExpression(string source) : StepExpression(source, Anchor(source))
{
    public override StepDefinitionPatternType PatternType => StepDefinitionPatternType.REGULAR_EXPRESSION;

    private protected override ParameterTypeDefinition? ParameterTypeAt(int index) => null;

    private static string Anchor(string source)
    {
        var body = source.StartsWith('^') ? source[1..] : source;
        if (body.EndsWith('$') && !body.EndsWith("\\$", StringComparison.Ordinal))
        {
            body = body[..^1];
        }
        return "^(?:" + body + ")$";
    }
}

/// <summary>A Cucumber expression compiled to a regular expression, with the parameter type of each argument.</summary>
public sealed class CucumberStepExpression : StepExpression
{
    private CucumberStepExpression(string source, string pattern, IReadOnlyList<ParameterTypeDefinition> parameterTypes) : base(source, pattern)
    {
        ParameterTypes = parameterTypes;
    }

    public override StepDefinitionPatternType PatternType => StepDefinitionPatternType.CUCUMBER_EXPRESSION;

    public IReadOnlyList<ParameterTypeDefinition> ParameterTypes { get; }

    private protected override ParameterTypeDefinition? ParameterTypeAt(int index) => ParameterTypes[index];

    /// <exception cref="CucumberExpressionException">The expression is malformed.</exception>
    /// <exception cref="UndefinedParameterTypeException">It names a parameter type that is not defined.</exception>
    public static CucumberStepExpression Compile(string source, ParameterTypeRegistry registry)
    {
        var parameterTypes = new List<ParameterTypeDefinition>();
        var pattern = Rewrite(Parse(source), source, registry, parameterTypes);
        return new CucumberStepExpression(source, pattern, parameterTypes);
    }

    private static string Rewrite(Node node, string expression, ParameterTypeRegistry registry, List<ParameterTypeDefinition> parameterTypes)
    {
        string Join(Node parent, string separator = "") => string.Join(separator, parent.Nodes.Select(n => Rewrite(n, expression, registry, parameterTypes)));
        switch (node.Type)
        {
            case NodeType.Text:
                return EscapeRegex(node.Text);
            case NodeType.Optional:
                if (node.Nodes.FirstOrDefault(n => n.Type == NodeType.Parameter) is { } parameter)
                {
                    throw Problem(expression, parameter.Start, parameter.End - parameter.Start, "An optional may not contain a parameter type",
                        "If you did not mean to use an parameter type you can use '\\{' to escape the '{'");
                }
                if (node.Nodes.FirstOrDefault(n => n.Type == NodeType.Optional) is { } nested)
                {
                    throw Problem(expression, nested.Start, nested.End - nested.Start, "An optional may not contain an other optional",
                        "If you did not mean to use an optional type you can use '\\(' to escape the '('. For more complicated expressions consider using a regular expression instead.");
                }
                if (node.Nodes.All(n => n.Type != NodeType.Text))
                {
                    throw Problem(expression, node.Start, node.End - node.Start, "An optional must contain some text",
                        "If you did not mean to use an optional you can use '\\(' to escape the '('");
                }
                return "(?:" + Join(node) + ")?";
            case NodeType.Alternation:
                foreach (var alternative in node.Nodes)
                {
                    if (alternative.Nodes.Count == 0)
                    {
                        throw Problem(expression, alternative.Start, alternative.End - alternative.Start, "Alternative may not be empty",
                            "If you did not mean to use an alternative you can use '\\/' to escape the '/'");
                    }
                    if (alternative.Nodes.All(n => n.Type != NodeType.Text))
                    {
                        throw Problem(expression, alternative.Start, alternative.End - alternative.Start, "An alternative may not exclusively contain optionals",
                            "If you did not mean to use an optional you can use '\\(' to escape the '('");
                    }
                }
                return "(?:" + Join(node, "|") + ")";
            case NodeType.Alternative:
                return Join(node);
            case NodeType.Parameter:
                var name = node.Text;
                if (!registry.TryGet(name, out var parameterType))
                {
                    throw new UndefinedParameterTypeException(name, Problem(expression, node.Start, node.End - node.Start,
                        $"Undefined parameter type '{name}'", $"Please register a ParameterType for '{name}'").Message);
                }
                parameterTypes.Add(parameterType);
                return parameterType.Regexes.Count == 1
                    ? "(" + parameterType.Regexes[0] + ")"
                    : "((?:" + string.Join(")|(?:", parameterType.Regexes) + "))";
            case NodeType.Expression:
                return "^" + Join(node) + "$";
            default:
                throw new InvalidOperationException($"Unknown node {node.Type}.");
        }
    }

    private static string EscapeRegex(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '^' or '[' or '(' or '{' or '$' or '.' or '|' or '?' or '*' or '+' or '}' or ')' or ']')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}

/// <summary>
/// The nesting of a regex's capturing groups, read from its source, so a match can be reported as a tree of groups
/// (the message stream's <c>stepMatchArguments[].group</c>). Non-capturing groups and lookarounds are transparent.
/// </summary>
internal sealed class GroupTree
{
    private readonly string? _name;
    private readonly int _number;
    private readonly List<GroupTree> _children = [];

    private GroupTree(int number, string? name)
    {
        _number = number;
        _name = name;
    }

    public static GroupTree FromPattern(string pattern)
    {
        var root = new GroupTree(0, null);
        var stack = new Stack<(GroupTree? Group, List<GroupTree> Children)>();
        stack.Push((root, root._children));
        var escaping = false;
        var inClass = false;
        var nextNumber = 1;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escaping)
            {
                escaping = false;
                continue;
            }
            switch (c)
            {
                case '\\':
                    escaping = true;
                    break;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '(' when !inClass:
                    var (capturing, name) = Kind(pattern, i);
                    // Transparent groups collect their captures straight into the enclosing capturing group.
                    stack.Push(capturing ? (new GroupTree(name is null ? nextNumber++ : 0, name), []) : (null, stack.Peek().Children));
                    break;
                case ')' when !inClass:
                    var (group, children) = stack.Pop();
                    if (group is not null)
                    {
                        group._children.AddRange(children);
                        stack.Peek().Children.Add(group);
                    }
                    break;
            }
        }
        return root;
    }

    public Group Build(Match match)
    {
        var capture = _name is null ? match.Groups[_number] : match.Groups[_name];
        var group = new Group { Children = _children.Count == 0 ? null : _children.Select(c => c.Build(match)).ToList() };
        if (capture.Success)
        {
            group.Start = capture.Index;
            group.Value = capture.Value;
        }
        return group;
    }

    private static (bool Capturing, string? Name) Kind(string pattern, int open)
    {
        if (open + 1 >= pattern.Length || pattern[open + 1] != '?')
        {
            return (true, null);
        }
        var marker = open + 2 < pattern.Length ? pattern[open + 2] : '\0';
        if (marker is not ('<' or '\''))
        {
            return (false, null);
        }
        var next = open + 3 < pattern.Length ? pattern[open + 3] : '\0';
        if (next is '=' or '!')
        {
            return (false, null);
        }
        var close = pattern.IndexOf(marker == '<' ? '>' : '\'', open + 3);
        return (true, pattern[(open + 3)..close]);
    }
}
