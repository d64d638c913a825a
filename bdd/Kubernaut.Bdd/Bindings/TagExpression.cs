using System.Text;
using Reqnroll;

namespace Kubernaut.Bdd.Bindings;

/// <summary>
/// A Cucumber tag expression (<c>@a and not (@b or @c)</c>): operators <c>not</c> &gt; <c>and</c> &gt; <c>or</c>,
/// parentheses, and <c>\</c> to escape a parenthesis, backslash or space inside a tag. As in Reqnroll, a tag written
/// without '@' means the tag with it.
/// </summary>
public sealed class TagExpression
{
    private readonly Node _root;

    private TagExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>Matches every tag set.</summary>
    public static TagExpression Everything { get; } = new("", new Always());

    public string Text { get; }

    /// <summary>True when the expression holds for the tags (each with its '@').</summary>
    public bool Evaluate(IReadOnlyCollection<string> tags) => _root.Evaluate(tags);

    public override string ToString() => Text;

    /// <summary>Several expressions of which any may match (a hook's or scope's tag list).</summary>
    public static TagExpression AnyOf(IReadOnlyList<string> expressions)
    {
        var parsed = expressions.Where(e => !string.IsNullOrWhiteSpace(e)).Select(Parse).ToList();
        return parsed.Count switch
        {
            0 => Everything,
            1 => parsed[0],
            _ => new TagExpression(string.Join(" or ", parsed.Select(p => "(" + p.Text + ")")), parsed.Skip(1).Aggregate(parsed[0]._root, (left, right) => new Or(left, right._root))),
        };
    }

    /// <exception cref="BindingException">The expression is malformed; the message says where.</exception>
    public static TagExpression Parse(string text)
    {
        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            return new TagExpression(text, new Always());
        }
        var operators = new Stack<string>();
        var operands = new Stack<Node>();
        var expectOperand = true;
        foreach (var token in tokens)
        {
            switch (token)
            {
                case "(":
                    Require(expectOperand, text, "'(' must follow an operator or start the expression");
                    operators.Push(token);
                    break;
                case ")":
                    Require(!expectOperand, text, "')' must follow a tag or ')'");
                    while (operators.Count > 0 && operators.Peek() != "(")
                    {
                        Apply(operators.Pop(), operands, text);
                    }
                    Require(operators.Count > 0, text, "')' has no matching '('");
                    operators.Pop();
                    break;
                case "not":
                    Require(expectOperand, text, "'not' must follow an operator or start the expression");
                    operators.Push(token);
                    break;
                case "and":
                case "or":
                    Require(!expectOperand, text, $"'{token}' must follow a tag or ')'");
                    while (operators.Count > 0 && operators.Peek() != "(" && Precedence(operators.Peek()) >= Precedence(token))
                    {
                        Apply(operators.Pop(), operands, text);
                    }
                    operators.Push(token);
                    expectOperand = true;
                    continue;
                default:
                    Require(expectOperand, text, $"the tag '{token}' must follow an operator or start the expression");
                    operands.Push(new Tag(token.StartsWith('@') ? token : "@" + token));
                    expectOperand = false;
                    continue;
            }
            expectOperand = token is "(" or "not";
        }
        Require(!expectOperand, text, "it ends with an operator");
        while (operators.Count > 0)
        {
            var op = operators.Pop();
            Require(op != "(", text, "'(' has no matching ')'");
            Apply(op, operands, text);
        }
        return new TagExpression(text, operands.Pop());
    }

    private static int Precedence(string op) => op switch
    {
        "or" => 0,
        "and" => 1,
        _ => 2,
    };

    private static void Apply(string op, Stack<Node> operands, string text)
    {
        if (op == "not")
        {
            operands.Push(new Not(operands.Pop()));
            return;
        }
        Require(operands.Count >= 2, text, $"'{op}' needs an operand on each side");
        var right = operands.Pop();
        var left = operands.Pop();
        operands.Push(op == "and" ? new And(left, right) : new Or(left, right));
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                Require(i + 1 < text.Length, text, "it ends with a lone '\\'");
                var next = text[++i];
                Require(next is '(' or ')' or '\\' || char.IsWhiteSpace(next), text, $"'\\{next}' is not an escape; only '\\(', '\\)', '\\\\' and '\\ ' are");
                current.Append(next);
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else if (c is '(' or ')')
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else
            {
                current.Append(c);
            }
        }
        Flush();
        return tokens;
    }

    private static void Require(bool condition, string text, string problem)
    {
        if (!condition)
        {
            throw new BindingException($"The tag expression \"{text}\" is malformed: {problem}. Write tags as @name, combined with and, or, not and parentheses.");
        }
    }

    private abstract class Node
    {
        public abstract bool Evaluate(IReadOnlyCollection<string> tags);
    }

    private sealed class Always : Node
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => true;
    }

    private sealed class Tag(string name) : Node
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => tags.Contains(name);
    }

    private sealed class Not(Node operand) : Node
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => !operand.Evaluate(tags);
    }

    private sealed class And(Node left, Node right) : Node
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => left.Evaluate(tags) && right.Evaluate(tags);
    }

    private sealed class Or(Node left, Node right) : Node
    {
        public override bool Evaluate(IReadOnlyCollection<string> tags) => left.Evaluate(tags) || right.Evaluate(tags);
    }
}
