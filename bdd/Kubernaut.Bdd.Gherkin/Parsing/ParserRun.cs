using System.Collections.Generic;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>One parse of one source: reads lines as tokens and drives the state machine, recovering from errors.</summary>
    internal sealed class ParserRun
    {
        private readonly List<string> _lines;
        private readonly Token?[] _tokens;
        private readonly ErrorCollector _errors = new ErrorCollector();
        private readonly TokenMatcher _matcher;
        private readonly AstBuilder _builder;
        private int _next;

        internal ParserRun(string source, GherkinDialect dialect, IIdGenerator ids)
        {
            _lines = SplitLines(source);
            _tokens = new Token?[_lines.Count + 1];
            _matcher = new TokenMatcher(dialect, _errors);
            _builder = new AstBuilder(ids, _errors);
        }

        internal IReadOnlyList<GherkinError> Errors => _errors.Errors;

        internal GherkinDocument Run()
        {
            try
            {
                _builder.StartRule(RuleType.GherkinDocument);
                var state = ParserStates.Start;
                Token token;
                do
                {
                    token = TokenAt(_next++);
                    state = Match(state, token);
                }
                while (!token.IsEof);
            }
            catch (TooManyErrorsException)
            {
                // The official parser gives up here too; what was built so far is still returned.
            }
            return _builder.Finish();
        }

        /// <summary>Lines end at "\n" or "\r\n"; a last line that is only whitespace is not a line (as in the official scanner).</summary>
        private static List<string> SplitLines(string source)
        {
            var lines = new List<string>();
            var start = 0;
            while (true)
            {
                var newline = source.IndexOf('\n', start);
                if (newline < 0)
                {
                    lines.Add(source.Substring(start));
                    break;
                }
                var end = newline > start && source[newline - 1] == '\r' ? newline - 1 : newline;
                lines.Add(source.Substring(start, end - start));
                start = newline + 1;
            }
            var last = lines[lines.Count - 1];
            if (TextRules.TrimWhitespace(last, 0, last.Length).Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }
            return lines;
        }

        private Token TokenAt(int index)
        {
            var token = _tokens[index];
            if (token == null)
            {
                token = index < _lines.Count ? new Token(new GherkinLine(_lines[index], index + 1), index + 1) : new Token(null, _lines.Count + 1);
                _tokens[index] = token;
            }
            return token;
        }

        private int Match(int stateId, Token token)
        {
            var state = ParserStates.Instance[stateId];
            foreach (var transition in state.Transitions)
            {
                if (!_matcher.Match(transition.Token, token)) continue;
                if (transition.Lookahead != null && !LookaheadHolds(transition.Lookahead)) continue;
                foreach (var action in transition.Actions)
                {
                    if (action.IsStart)
                    {
                        _builder.StartRule(action.Rule);
                    }
                    else
                    {
                        _builder.EndRule();
                    }
                }
                _builder.Build(token);
                return transition.Target;
            }

            if (token.Line == null)
            {
                _errors.Add(GherkinErrorKind.UnexpectedEof, token.LineNumber, 0, "unexpected end of file, expected: " + state.ExpectedTokens);
            }
            else
            {
                var got = TextRules.TrimWhitespace(token.Line.Text, 0, token.Line.Text.Length);
                _errors.Add(GherkinErrorKind.UnexpectedToken, token.LineNumber, token.Line.Indent + 1, "expected: " + state.ExpectedTokens + ", got '" + got + "'");
            }
            return stateId;
        }

        private bool IsSkipped(Token token)
        {
            foreach (var skipped in Lookahead.Skipped)
            {
                if (_matcher.Match(skipped, token)) return true;
            }
            return false;
        }

        /// <summary>Looks past empty lines, comments and tag lines (without consuming them) for the line the hint needs.</summary>
        private bool LookaheadHolds(Lookahead lookahead)
        {
            for (var index = _next; ; index++)
            {
                var token = TokenAt(index);
                if (_matcher.Match(lookahead.Target, token)) return true;
                if (!IsSkipped(token)) return false;
            }
        }
    }
}
