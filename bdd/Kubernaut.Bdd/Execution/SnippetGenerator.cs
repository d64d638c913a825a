using System.Text;
using System.Text.RegularExpressions;
using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Messages;
using Reqnroll;

namespace Kubernaut.Bdd.Execution;

/// <summary>
/// Writes ready-to-paste step definitions for undefined steps: the attribute with an expression guessed from the
/// text (quoted strings → {string}, whole numbers → {int}, decimals → {float}), a method with typed parameters
/// (plus the table or doc string), and a body that marks the step pending.
/// </summary>
public sealed partial class SnippetGenerator(StepDefinitionSkeletonStyle style)
{
    public const string Language = "csharp";

    /// <summary>Cucumber's cap on the combinations of parameter types a step's snippets spell out.</summary>
    private const int MaxSnippets = 256;

    private static readonly SnippetParameter StringParameter = new("{string}", "\"([^\"]*)\"", "string");
    private static readonly SnippetParameter FloatParameter = new("{float}", @"(-?\d*\.\d+)", "double");
    private static readonly SnippetParameter IntParameter = new("{int}", @"(-?\d+)", "int");

    /// <summary>The attribute and method for one step, indented for a class body (the first of <see cref="MethodSnippets"/>).</summary>
    public string MethodSnippet(StepDefinitionType type, string text, PickleStepArgument? argument) => MethodSnippets(type, text, argument)[0];

    /// <summary>
    /// One snippet per reading of the step's arguments, as Cucumber suggests them: a whole number may be an {int} or
    /// a {float} ("8" gives both, {int} first), a decimal is a {float}, a quoted text a {string}. Regex snippets have
    /// one reading.
    /// </summary>
    public IReadOnlyList<string> MethodSnippets(StepDefinitionType type, string text, PickleStepArgument? argument)
    {
        var tokens = Arguments().Matches(text).ToList();
        IEnumerable<SnippetParameter[]> readings = [[]];
        foreach (var token in tokens)
        {
            var options = ReadingsOf(token);
            readings = readings.SelectMany(reading => options.Select(option => (SnippetParameter[])[.. reading, option]));
        }
        return readings.Take(MaxSnippets).Select(reading => Build(type, text, argument, tokens, reading)).ToList();
    }

    private SnippetParameter[] ReadingsOf(Match token) =>
        token.Groups["string"].Success ? [StringParameter]
        : token.Groups["float"].Success ? [FloatParameter]
        : style == StepDefinitionSkeletonStyle.RegexAttribute ? [IntParameter]
        : [IntParameter, FloatParameter];

    private string Build(StepDefinitionType type, string text, PickleStepArgument? argument, List<Match> tokens, SnippetParameter[] reading)
    {
        var expression = new StringBuilder();
        var nameWords = new StringBuilder();
        var parameters = new List<string>();
        var position = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            AppendLiteral(text[position..tokens[i].Index], expression, nameWords);
            expression.Append(style == StepDefinitionSkeletonStyle.RegexAttribute ? reading[i].Regex : reading[i].Cucumber);
            parameters.Add($"{reading[i].ParameterType} p{parameters.Count}");
            position = tokens[i].Index + tokens[i].Length;
        }
        AppendLiteral(text[position..], expression, nameWords);
        if (argument?.DataTable is not null)
        {
            parameters.Add("DataTable dataTable");
        }
        if (argument?.DocString is not null)
        {
            parameters.Add("string multilineText");
        }
        var literal = style == StepDefinitionSkeletonStyle.RegexAttribute
            ? "@\"^" + expression.ToString().Replace("\"", "\"\"", StringComparison.Ordinal) + "$\""
            : "\"" + expression.ToString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var method = MethodName(type.ToString(), nameWords.ToString());
        return $$"""
                [{{type}}({{literal}})]
                public void {{method}}({{string.Join(", ", parameters)}})
                {
                    throw new PendingStepException();
                }
            """;
    }

    /// <summary>All snippets of a scenario in one binding class, duplicates removed.</summary>
    public static string ClassSnippet(IEnumerable<string> methodSnippets) =>
        "[Binding]" + Environment.NewLine
        + "public class StepDefinitions" + Environment.NewLine
        + "{" + Environment.NewLine
        + string.Join(Environment.NewLine + Environment.NewLine, methodSnippets.Distinct()) + Environment.NewLine
        + "}";

    private void AppendLiteral(string literal, StringBuilder expression, StringBuilder nameWords)
    {
        nameWords.Append(' ').Append(literal);
        foreach (var c in literal)
        {
            var special = style == StepDefinitionSkeletonStyle.RegexAttribute
                ? c is '\\' or '^' or '$' or '.' or '|' or '?' or '*' or '+' or '(' or ')' or '[' or ']' or '{' or '}'
                : c is '\\' or '(' or ')' or '{' or '}' or '/';
            if (special)
            {
                expression.Append('\\');
            }
            expression.Append(c);
        }
    }

    private static string MethodName(string keyword, string words)
    {
        var name = new StringBuilder(keyword);
        foreach (Match word in Words().Matches(words))
        {
            name.Append(char.ToUpperInvariant(word.Value[0])).Append(word.Value[1..]);
        }
        return name.ToString();
    }

    // Quoted strings, then numbers standing on their own (not part of a word such as "v2").
    [GeneratedRegex(@"(?<string>""[^""]*"")|(?<![\w.])(?<float>-?\d*\.\d+)(?![\w.])|(?<![\w.])(?<int>-?\d+)(?![\w.])")]
    private static partial Regex Arguments();

    [GeneratedRegex(@"[\p{L}\p{Nd}]+")]
    private static partial Regex Words();

    private sealed record SnippetParameter(string Cucumber, string Regex, string ParameterType);
}
