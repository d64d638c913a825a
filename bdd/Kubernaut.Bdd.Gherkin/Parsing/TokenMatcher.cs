using System.Collections.Generic;

namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>
    /// Recognises what a line is, given the current dialect and whether a doc string is open. Matching a doc string
    /// separator or a language header changes that state, as in the official matcher.
    /// </summary>
    internal sealed class TokenMatcher
    {
        private const string QuotesSeparator = "\"\"\"";
        private const string BackticksSeparator = "```";
        private const string EscapedQuotesSeparator = "\\\"\\\"\\\"";
        private const string EscapedBackticksSeparator = "\\`\\`\\`";

        private readonly ErrorCollector _errors;
        private GherkinDialect _dialect;
        private string? _activeDocStringSeparator;
        private int _indentToRemove;

        internal TokenMatcher(GherkinDialect dialect, ErrorCollector errors)
        {
            _dialect = dialect;
            _errors = errors;
        }

        internal bool Match(TokenType type, Token token)
        {
            if (token.Line == null)
            {
                if (type != TokenType.EOF) return false;
                token.SetMatched(TokenType.EOF, _dialect, 0);
                return true;
            }

            var line = token.Line;
            switch (type)
            {
                case TokenType.Empty:
                    return MatchEmpty(token, line);
                case TokenType.Comment:
                    return MatchComment(token, line);
                case TokenType.TagLine:
                    return MatchTagLine(token, line);
                case TokenType.FeatureLine:
                    return MatchTitleLine(token, line, TokenType.FeatureLine, _dialect.FeatureKeywords);
                case TokenType.RuleLine:
                    return MatchTitleLine(token, line, TokenType.RuleLine, _dialect.RuleKeywords);
                case TokenType.BackgroundLine:
                    return MatchTitleLine(token, line, TokenType.BackgroundLine, _dialect.BackgroundKeywords);
                case TokenType.ScenarioLine:
                    return MatchTitleLine(token, line, TokenType.ScenarioLine, _dialect.ScenarioKeywords)
                        || MatchTitleLine(token, line, TokenType.ScenarioLine, _dialect.ScenarioOutlineKeywords);
                case TokenType.ExamplesLine:
                    return MatchTitleLine(token, line, TokenType.ExamplesLine, _dialect.ExamplesKeywords);
                case TokenType.StepLine:
                    return MatchStepLine(token, line);
                case TokenType.DocStringSeparator:
                    return MatchDocStringSeparator(token, line);
                case TokenType.TableRow:
                    return MatchTableRow(token, line);
                case TokenType.Language:
                    return MatchLanguage(token, line);
                case TokenType.Other:
                    return MatchOther(token, line);
                default:
                    return false;
            }
        }

        private bool MatchEmpty(Token token, GherkinLine line)
        {
            if (!line.IsEmpty) return false;
            token.SetMatched(TokenType.Empty, _dialect, 0);
            return true;
        }

        private bool MatchComment(Token token, GherkinLine line)
        {
            if (!line.StartsWith('#')) return false;
            token.SetMatched(TokenType.Comment, _dialect, 0, text: line.Text);
            return true;
        }

        private bool MatchTagLine(Token token, GherkinLine line)
        {
            if (!line.StartsWith('@')) return false;
            var tags = line.GetTags(out var invalidTagColumn);
            if (invalidTagColumn > 0)
            {
                _errors.Add(GherkinErrorKind.InvalidTag, line.LineNumber, invalidTagColumn, "A tag may not contain whitespace");
                return false;
            }
            token.SetMatched(TokenType.TagLine, _dialect, line.Indent, items: tags);
            return true;
        }

        private bool MatchTitleLine(Token token, GherkinLine line, TokenType type, IReadOnlyList<string> keywords)
        {
            for (var i = 0; i < keywords.Count; i++)
            {
                var keyword = keywords[i];
                if (line.StartsWithTitleKeyword(keyword))
                {
                    token.SetMatched(type, _dialect, line.Indent, text: line.GetRestTrimmed(keyword.Length + 1), keyword: keyword);
                    return true;
                }
            }
            return false;
        }

        private bool MatchStepLine(Token token, GherkinLine line)
        {
            var keywords = _dialect.StepKeywords;
            for (var i = 0; i < keywords.Count; i++)
            {
                var keyword = keywords[i];
                if (line.StartsWith(keyword))
                {
                    token.SetMatched(
                        TokenType.StepLine, _dialect, line.Indent,
                        text: line.GetRestTrimmed(keyword.Length), keyword: keyword, keywordType: _dialect.GetStepKeywordType(keyword));
                    return true;
                }
            }
            return false;
        }

        private bool MatchDocStringSeparator(Token token, GherkinLine line)
        {
            if (_activeDocStringSeparator != null)
            {
                if (!line.StartsWith(_activeDocStringSeparator)) return false;
                token.SetMatched(TokenType.DocStringSeparator, _dialect, line.Indent, keyword: _activeDocStringSeparator);
                _activeDocStringSeparator = null;
                _indentToRemove = 0;
                return true;
            }
            return OpenDocString(token, line, QuotesSeparator) || OpenDocString(token, line, BackticksSeparator);
        }

        private bool OpenDocString(Token token, GherkinLine line, string separator)
        {
            if (!line.StartsWith(separator)) return false;
            _activeDocStringSeparator = separator;
            _indentToRemove = line.Indent;
            token.SetMatched(TokenType.DocStringSeparator, _dialect, line.Indent, text: line.GetRestTrimmed(separator.Length), keyword: separator);
            return true;
        }

        private bool MatchTableRow(Token token, GherkinLine line)
        {
            if (!line.StartsWith('|')) return false;
            token.SetMatched(TokenType.TableRow, _dialect, line.Indent, items: line.GetTableCells());
            return true;
        }

        private bool MatchLanguage(Token token, GherkinLine line)
        {
            var language = line.GetLanguageHeader();
            if (language == null) return false;
            var dialect = GherkinDialect.Get(language);
            if (dialect == null)
            {
                _errors.Add(GherkinErrorKind.NoSuchLanguage, line.LineNumber, line.Indent + 1, "Language not supported: " + language);
                return false;
            }
            _dialect = dialect;
            token.SetMatched(TokenType.Language, _dialect, line.Indent, text: language);
            return true;
        }

        /// <summary>Any line: inside a doc string it loses the doc string's indent and its escaped separators.</summary>
        private bool MatchOther(Token token, GherkinLine line)
        {
            var text = line.GetLineText(_indentToRemove);
            if (_activeDocStringSeparator == QuotesSeparator)
            {
                text = text.Replace(EscapedQuotesSeparator, QuotesSeparator);
            }
            else if (_activeDocStringSeparator == BackticksSeparator)
            {
                text = text.Replace(EscapedBackticksSeparator, BackticksSeparator);
            }
            token.SetMatched(TokenType.Other, _dialect, 0, text: text);
            return true;
        }
    }
}
