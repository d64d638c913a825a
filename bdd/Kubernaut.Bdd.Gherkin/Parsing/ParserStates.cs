using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>Opens or closes a rule in the AST builder before a matched token is added.</summary>
    internal readonly struct RuleAction
    {
        internal RuleAction(bool isStart, RuleType rule)
        {
            IsStart = isStart;
            Rule = rule;
        }

        internal bool IsStart { get; }
        internal RuleType Rule { get; }
    }

    internal sealed class Transition
    {
        internal Transition(TokenType token, Lookahead? lookahead, RuleAction[] actions, int target)
        {
            Token = token;
            Lookahead = lookahead;
            Actions = actions;
            Target = target;
        }

        internal TokenType Token { get; }
        internal Lookahead? Lookahead { get; }
        internal RuleAction[] Actions { get; }
        internal int Target { get; }
    }

    internal sealed class ParserState
    {
        internal ParserState(Transition[] transitions)
        {
            Transitions = transitions;
            var expected = new StringBuilder();
            foreach (var token in transitions.Select(t => t.Token).Distinct())
            {
                if (expected.Length > 0) expected.Append(", ");
                expected.Append('#').Append(token);
            }
            ExpectedTokens = expected.ToString();
        }

        /// <summary>Tried in order; the first whose token matches (and whose lookahead holds) is taken.</summary>
        internal Transition[] Transitions { get; }

        /// <summary>The "#EOF, #Empty, ..." list of error messages.</summary>
        internal string ExpectedTokens { get; }
    }

    /// <summary>
    /// The parser's state machine, derived from <see cref="Grammar"/> the way the official parser generator (Berp)
    /// derives it: a state is a position just after a token; its transitions are every way to consume the next token
    /// (repeat, continue, close rules, open rules), each with the rule actions on the way. The order of transitions,
    /// which is also the order of the expected tokens in error messages, follows Berp: transitions grouped by token in
    /// order of first appearance, #EOF first, #Other last, and the ignored tokens (#Comment, #Empty) staying in place
    /// at the end unless the state accepts #Other (then they are text).
    /// </summary>
    internal sealed class ParserStates
    {
        internal const int Start = 0;

        private static readonly TokenType[] IgnoredTokens = { TokenType.Comment, TokenType.Empty };

        internal static readonly ParserStates Instance = new ParserStates(Grammar.GherkinDocument);

        private readonly Dictionary<string, int> _idsByPosition = new Dictionary<string, int>();
        private readonly List<Frame[]> _positions = new List<Frame[]>();
        private readonly List<ParserState> _states = new List<ParserState>();

        private ParserStates(GrammarRule document)
        {
            _positions.Add(new Frame[0]);

            // Positions are discovered while walking, so the list grows as it is processed.
            for (var id = 0; id < _positions.Count; id++)
            {
                var transitions = new List<Transition>();
                var walker = new Walker(this, transitions);
                if (id == Start)
                {
                    walker.EnterRule(_positions[id], document, new RuleAction[0], null);
                }
                else
                {
                    walker.Continue(_positions[id], new RuleAction[0]);
                }
                _states.Add(Finish(id, transitions));
            }
        }

        internal ParserState this[int id] => _states[id];

        private ParserState Finish(int self, List<Transition> found)
        {
            var ordered = found
                .Select((transition, index) => new { transition, index })
                .GroupBy(t => t.transition.Token)
                .OrderBy(g => g.Key == TokenType.EOF ? 0 : g.Key == TokenType.Other ? 2 : 1)
                .ThenBy(g => g.Min(t => t.index))
                .SelectMany(g => g.Select(t => t.transition))
                .ToList();

            if (ordered.All(t => t.Token != TokenType.Other))
            {
                foreach (var ignored in IgnoredTokens.Where(ignored => ordered.All(t => t.Token != ignored)))
                {
                    ordered.Add(new Transition(ignored, null, new RuleAction[0], self));
                }
            }
            return new ParserState(ordered.ToArray());
        }

        private int StateAfter(Frame[] position)
        {
            var key = string.Join(">", position.Select(f => f.Rule.Type + ":" + f.Index));
            if (!_idsByPosition.TryGetValue(key, out var id))
            {
                id = _positions.Count;
                _positions.Add(position);
                _idsByPosition.Add(key, id);
            }
            return id;
        }

        /// <summary>A position inside a rule: the element at <see cref="Index"/> (always 0 in a choice, as all choices end alike).</summary>
        private sealed class Frame
        {
            internal Frame(GrammarRule rule, int index)
            {
                Rule = rule;
                Index = index;
            }

            internal GrammarRule Rule { get; }
            internal int Index { get; }
        }

        /// <summary>Walks the grammar depth-first from a position, recording each token that can come next.</summary>
        private sealed class Walker
        {
            private readonly ParserStates _states;
            private readonly List<Transition> _found;

            internal Walker(ParserStates states, List<Transition> found)
            {
                _states = states;
                _found = found;
            }

            /// <summary>The element at the top of <paramref name="path"/> is complete: repeat it, or go on after it.</summary>
            internal void Continue(Frame[] path, RuleAction[] actions)
            {
                var top = path[path.Length - 1];
                var parentPath = path.Take(path.Length - 1).ToArray();
                if (!top.Rule.IsChoice)
                {
                    var elements = top.Rule.Elements;
                    if (elements[top.Index].IsRepeatable)
                    {
                        EnterAt(parentPath, top.Rule, top.Index, actions, null);
                    }
                    for (var next = top.Index + 1; next < elements.Length; next++)
                    {
                        EnterAt(parentPath, top.Rule, next, actions, null);
                        if (!elements[next].IsOptional) return;
                    }
                }
                Complete(parentPath, top.Rule, actions);
            }

            /// <summary>Enters a rule whose reference is at the top of <paramref name="path"/> (empty for the document).</summary>
            internal void EnterRule(Frame[] path, GrammarRule rule, RuleAction[] actions, Lookahead? lookahead)
            {
                for (var index = 0; index < rule.Elements.Length; index++)
                {
                    EnterAt(path, rule, index, actions, lookahead);
                    if (!rule.IsChoice && !rule.Elements[index].IsOptional) return;
                }
                if (!rule.IsChoice)
                {
                    Complete(path, rule, actions);
                }
            }

            private void EnterAt(Frame[] parentPath, GrammarRule rule, int index, RuleAction[] actions, Lookahead? lookahead)
            {
                var element = rule.Elements[index];
                var path = parentPath.Concat(new[] { new Frame(rule, rule.IsChoice ? 0 : index) }).ToArray();
                if (element.Rule == null)
                {
                    var hint = lookahead != null && Lookahead.IsSkipped(element.Token) ? lookahead : null;
                    _found.Add(new Transition(element.Token, hint, actions, _states.StateAfter(path)));
                    return;
                }
                var sub = element.Rule;
                var opened = sub.IsAstNode ? actions.Concat(new[] { new RuleAction(true, sub.Type) }).ToArray() : actions;
                EnterRule(path, sub, opened, sub.Lookahead ?? lookahead);
            }

            private void Complete(Frame[] parentPath, GrammarRule rule, RuleAction[] actions)
            {
                // The document is closed by the parser itself once the end of file has been read.
                if (parentPath.Length == 0) return;
                var closed = rule.IsAstNode ? actions.Concat(new[] { new RuleAction(false, rule.Type) }).ToArray() : actions;
                Continue(parentPath, closed);
            }
        }
    }
}
