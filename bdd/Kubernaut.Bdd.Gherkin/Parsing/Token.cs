using System.Collections.Generic;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>The token types of the official grammar; their names appear in error messages as "#Name".</summary>
    internal enum TokenType
    {
        None,
        EOF,
        Empty,
        Comment,
        TagLine,
        FeatureLine,
        RuleLine,
        BackgroundLine,
        ScenarioLine,
        ExamplesLine,
        StepLine,
        DocStringSeparator,
        TableRow,
        Language,
        Other,
    }

    /// <summary>One line (or the end of the file) and what the matcher last recognised it as.</summary>
    internal sealed class Token
    {
        internal Token(GherkinLine? line, int lineNumber)
        {
            Line = line;
            LineNumber = lineNumber;
        }

        /// <summary>Null at the end of the file.</summary>
        internal GherkinLine? Line { get; }
        internal int LineNumber { get; }
        internal bool IsEof => Line == null;

        internal TokenType MatchedType { get; private set; }
        internal string MatchedText { get; private set; } = "";
        internal string MatchedKeyword { get; private set; } = "";
        internal StepKeywordType? MatchedKeywordType { get; private set; }
        internal IReadOnlyList<LineSpan> MatchedItems { get; private set; } = System.Array.Empty<LineSpan>();
        internal GherkinDialect? MatchedDialect { get; private set; }

        /// <summary>1-based column of what was matched (the indent plus one, or 1 for lines taken whole).</summary>
        internal int MatchedColumn { get; private set; }

        internal Location Location => new Location(LineNumber, MatchedColumn);

        internal void SetMatched(
            TokenType type, GherkinDialect dialect, int indent,
            string text = "", string keyword = "", StepKeywordType? keywordType = null, IReadOnlyList<LineSpan>? items = null)
        {
            MatchedType = type;
            MatchedText = text;
            MatchedKeyword = keyword;
            MatchedKeywordType = keywordType;
            MatchedItems = items ?? System.Array.Empty<LineSpan>();
            MatchedDialect = dialect;
            MatchedColumn = indent + 1;
        }
    }
}
