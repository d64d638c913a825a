using System.Text;

namespace Kubernaut.Bdd.Bindings;

/// <summary>
/// Parses a Cucumber expression into its syntax tree, following the grammar of the official implementation:
/// <c>{name}</c> parameters, <c>(text)</c> optionals, <c>a/b</c> alternations bounded by whitespace or parameters,
/// and <c>\</c> escaping <c>( ) { } / \</c> and whitespace.
/// </summary>
internal static class CucumberExpressionParser
{
    internal enum TokenType
    {
        StartOfLine,
        EndOfLine,
        WhiteSpace,
        BeginOptional,
        EndOptional,
        BeginParameter,
        EndParameter,
        Alternation,
        Text,
    }

    internal enum NodeType
    {
        Text,
        Optional,
        Alternation,
        Alternative,
        Parameter,
        Expression,
    }

    internal readonly record struct Token(TokenType Type, string Text, int Start, int End);

    internal sealed record Node(NodeType Type, IReadOnlyList<Node> Nodes, string Token, int Start, int End)
    {
        public string Text => Nodes.Count == 0 ? Token : string.Concat(Nodes.Select(n => n.Text));
    }

    private readonly record struct Parsed(int Consumed, IReadOnlyList<Node> Ast)
    {
        public static readonly Parsed None = new(0, []);
    }

    private delegate Parsed Parser(string expression, IReadOnlyList<Token> tokens, int current);

    public static Node Parse(string expression)
    {
        var tokens = Tokenize(expression);
        return ParseExpression(expression, tokens, 0).Ast[0];
    }

    internal static List<Token> Tokenize(string expression)
    {
        var codePoints = expression.EnumerateRunes().Select(r => r.ToString()).ToList();
        var tokens = new List<Token>();
        var buffer = new StringBuilder();
        var bufferLength = 0;
        var previousType = TokenType.StartOfLine;
        var treatAsText = false;
        var escaped = 0;
        var bufferStart = 0;

        Token Flush(TokenType type)
        {
            var escapeTokens = 0;
            if (type == TokenType.Text)
            {
                escapeTokens = escaped;
                escaped = 0;
            }
            var consumed = bufferStart + bufferLength + escapeTokens;
            var token = new Token(type, buffer.ToString(), bufferStart, consumed);
            buffer.Clear();
            bufferLength = 0;
            bufferStart = consumed;
            return token;
        }

        if (codePoints.Count == 0)
        {
            tokens.Add(new Token(TokenType.StartOfLine, "", 0, 0));
        }
        foreach (var codePoint in codePoints)
        {
            if (!treatAsText && codePoint == "\\")
            {
                escaped++;
                treatAsText = true;
                continue;
            }
            TokenType currentType;
            if (treatAsText)
            {
                if (!CanEscape(codePoint))
                {
                    throw Problem(expression, bufferStart + bufferLength + escaped, 1,
                        "Only the characters '{', '}', '(', ')', '\\', '/' and whitespace can be escaped",
                        "If you did mean to use an '\\' you can use '\\\\' to escape it");
                }
                currentType = TokenType.Text;
            }
            else
            {
                currentType = TypeOf(codePoint);
            }
            treatAsText = false;
            if (currentType != previousType || (currentType != TokenType.WhiteSpace && currentType != TokenType.Text))
            {
                tokens.Add(Flush(previousType));
            }
            previousType = currentType;
            buffer.Append(codePoint);
            bufferLength++;
        }
        if (bufferLength > 0)
        {
            tokens.Add(Flush(previousType));
        }
        if (treatAsText)
        {
            throw Problem(expression, codePoints.Count, 1, "The end of line can not be escaped", "You can use '\\\\' to escape the '\\'");
        }
        tokens.Add(new Token(TokenType.EndOfLine, "", codePoints.Count, codePoints.Count));
        return tokens;
    }

    private static bool CanEscape(string codePoint) =>
        codePoint is "\\" or "/" or "{" or "}" or "(" or ")" || (codePoint.Length == 1 && char.IsWhiteSpace(codePoint[0]));

    private static TokenType TypeOf(string codePoint) => codePoint switch
    {
        "/" => TokenType.Alternation,
        "{" => TokenType.BeginParameter,
        "}" => TokenType.EndParameter,
        "(" => TokenType.BeginOptional,
        ")" => TokenType.EndOptional,
        _ when codePoint.Length == 1 && char.IsWhiteSpace(codePoint[0]) => TokenType.WhiteSpace,
        _ => TokenType.Text,
    };

    // text := whitespace | ')' | '}' | .
    private static Parsed ParseText(string expression, IReadOnlyList<Token> tokens, int current)
    {
        var token = tokens[current];
        return token.Type switch
        {
            TokenType.WhiteSpace or TokenType.Text or TokenType.EndParameter or TokenType.EndOptional =>
                new Parsed(1, [new Node(NodeType.Text, [], token.Text, token.Start, token.End)]),
            TokenType.Alternation => throw Problem(expression, token.Start, token.End - token.Start,
                "An alternation can not be used inside an optional",
                "If you did not mean to use an alternation you can use '\\/' to escape the '/'. Otherwise rephrase your expression or consider using a regular expression instead."),
            _ => Parsed.None,
        };
    }

    // name := whitespace | .
    private static Parsed ParseName(string expression, IReadOnlyList<Token> tokens, int current)
    {
        var token = tokens[current];
        return token.Type switch
        {
            TokenType.WhiteSpace or TokenType.Text => new Parsed(1, [new Node(NodeType.Text, [], token.Text, token.Start, token.End)]),
            TokenType.BeginOptional or TokenType.EndOptional or TokenType.BeginParameter or TokenType.EndParameter or TokenType.Alternation =>
                throw Problem(expression, token.Start, token.End - token.Start,
                    "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'", "Did you mean to use a regular expression?"),
            _ => Parsed.None,
        };
    }

    // parameter := '{' + name* + '}'
    private static Parsed ParseParameter(string expression, IReadOnlyList<Token> tokens, int current) =>
        ParseBetween(NodeType.Parameter, TokenType.BeginParameter, TokenType.EndParameter, [ParseName], expression, tokens, current);

    // optional := '(' + option* + ')'; option := optional | parameter | text
    private static Parsed ParseOptional(string expression, IReadOnlyList<Token> tokens, int current) =>
        ParseBetween(NodeType.Optional, TokenType.BeginOptional, TokenType.EndOptional, [ParseOptional, ParseParameter, ParseText], expression, tokens, current);

    private static Parsed ParseAlternativeSeparator(string expression, IReadOnlyList<Token> tokens, int current)
    {
        if (!LookingAt(tokens, current, TokenType.Alternation))
        {
            return Parsed.None;
        }
        var token = tokens[current];
        return new Parsed(1, [new Node(NodeType.Alternative, [], token.Text, token.Start, token.End)]);
    }

    // alternation := (?<=left-boundary) + alternative* + ( '/' + alternative* )+ + (?=right-boundary)
    // left-boundary := whitespace | } | ^ ; right-boundary := whitespace | { | $
    private static Parsed ParseAlternation(string expression, IReadOnlyList<Token> tokens, int current)
    {
        if (!LookingAtAny(tokens, current - 1, [TokenType.StartOfLine, TokenType.WhiteSpace, TokenType.EndParameter]))
        {
            return Parsed.None;
        }
        var result = ParseTokensUntil(expression, [ParseAlternativeSeparator, ParseOptional, ParseParameter, ParseText], tokens, current,
            [TokenType.WhiteSpace, TokenType.EndOfLine, TokenType.BeginParameter]);
        if (!result.Ast.Any(n => n.Type == NodeType.Alternative))
        {
            return Parsed.None;
        }
        var start = tokens[current].Start;
        var end = tokens[current + result.Consumed].Start;
        return new Parsed(result.Consumed, [new Node(NodeType.Alternation, SplitAlternatives(start, end, result.Ast), "", start, end)]);
    }

    // cucumber-expression := ( alternation | optional | parameter | text )*
    private static Parsed ParseExpression(string expression, IReadOnlyList<Token> tokens, int current) =>
        ParseBetween(NodeType.Expression, TokenType.StartOfLine, TokenType.EndOfLine, [ParseAlternation, ParseOptional, ParseParameter, ParseText], expression, tokens, current);

    private static Parsed ParseBetween(NodeType type, TokenType begin, TokenType end, Parser[] parsers, string expression, IReadOnlyList<Token> tokens, int current)
    {
        if (!LookingAt(tokens, current, begin))
        {
            return Parsed.None;
        }
        var subCurrent = current + 1;
        var result = ParseTokensUntil(expression, parsers, tokens, subCurrent, [end, TokenType.EndOfLine]);
        subCurrent += result.Consumed;
        if (!LookingAt(tokens, subCurrent, end))
        {
            var (beginSymbol, endSymbol, purpose) = begin == TokenType.BeginParameter ? ("{", "}", "a parameter") : ("(", ")", "optional text");
            throw Problem(expression, tokens[current].Start, tokens[current].End - tokens[current].Start,
                $"The '{beginSymbol}' does not have a matching '{endSymbol}'", $"If you did not intend to use {purpose} you can use '\\{beginSymbol}' to escape the {purpose}");
        }
        var node = new Node(type, result.Ast, "", tokens[current].Start, tokens[subCurrent].End);
        return new Parsed(subCurrent + 1 - current, [node]);
    }

    private static Parsed ParseTokensUntil(string expression, Parser[] parsers, IReadOnlyList<Token> tokens, int startAt, TokenType[] endTokens)
    {
        var current = startAt;
        var ast = new List<Node>();
        while (current < tokens.Count && !LookingAtAny(tokens, current, endTokens))
        {
            var result = parsers.Select(p => p(expression, tokens, current)).FirstOrDefault(r => r.Consumed != 0);
            if (result.Consumed == 0)
            {
                throw new InvalidOperationException($"No parser accepts the token at {current} of '{expression}'.");
            }
            current += result.Consumed;
            ast.AddRange(result.Ast);
        }
        return new Parsed(current - startAt, ast);
    }

    private static bool LookingAtAny(IReadOnlyList<Token> tokens, int at, TokenType[] types) => types.Any(t => LookingAt(tokens, at, t));

    private static bool LookingAt(IReadOnlyList<Token> tokens, int at, TokenType type)
    {
        if (at < 0)
        {
            return type == TokenType.StartOfLine;
        }
        if (at >= tokens.Count)
        {
            return type == TokenType.EndOfLine;
        }
        return tokens[at].Type == type;
    }

    private static List<Node> SplitAlternatives(int start, int end, IReadOnlyList<Node> alternation)
    {
        var separators = new List<Node>();
        var alternatives = new List<List<Node>>();
        var alternative = new List<Node>();
        foreach (var node in alternation)
        {
            if (node.Type == NodeType.Alternative)
            {
                separators.Add(node);
                alternatives.Add(alternative);
                alternative = [];
            }
            else
            {
                alternative.Add(node);
            }
        }
        alternatives.Add(alternative);
        var nodes = new List<Node>();
        for (var i = 0; i < alternatives.Count; i++)
        {
            var from = i == 0 ? start : separators[i - 1].End;
            var to = i == alternatives.Count - 1 ? end : separators[i].Start;
            nodes.Add(new Node(NodeType.Alternative, alternatives[i], "", from, to));
        }
        return nodes;
    }

    /// <summary>An error in the style of the official implementation: column, the expression, a pointer, the problem, the fix.</summary>
    internal static CucumberExpressionException Problem(string expression, int index, int length, string problem, string solution)
    {
        var pointer = new string(' ', index) + (length <= 1 ? "^" : "^" + new string('-', length - 2) + "^");
        return new CucumberExpressionException(
            $"This Cucumber Expression has a problem at column {index + 1}:{Environment.NewLine}{Environment.NewLine}{expression}{Environment.NewLine}{pointer}{Environment.NewLine}{problem}.{Environment.NewLine}{solution}");
    }
}

/// <summary>A malformed Cucumber expression.</summary>
public class CucumberExpressionException(string message) : Reqnroll.BindingException(message);

/// <summary>A Cucumber expression uses a parameter type that is not defined.</summary>
public sealed class UndefinedParameterTypeException(string name, string message) : CucumberExpressionException(message)
{
    public string ParameterTypeName { get; } = name;
}
