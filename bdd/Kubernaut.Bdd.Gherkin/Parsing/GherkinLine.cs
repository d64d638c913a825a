using System.Collections.Generic;
using System.Text;

namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>A piece of a line with its 1-based column: a tag or a table cell.</summary>
    internal readonly struct LineSpan
    {
        internal LineSpan(int column, string text)
        {
            Column = column;
            Text = text;
        }

        internal int Column { get; }
        internal string Text { get; }
    }

    /// <summary>One source line; the indent is kept as an offset so that matching allocates nothing.</summary>
    internal sealed class GherkinLine
    {
        private const char TagPrefix = '@';
        private const char CellSeparator = '|';
        private const char CellEscape = '\\';

        internal GherkinLine(string text, int lineNumber)
        {
            Text = text;
            LineNumber = lineNumber;
            var indent = 0;
            while (indent < text.Length && TextRules.IsWhitespace(text[indent])) indent++;
            Indent = indent;
        }

        internal string Text { get; }
        internal int LineNumber { get; }

        /// <summary>Number of leading whitespace characters (all in the Basic Multilingual Plane, so also columns).</summary>
        internal int Indent { get; }

        internal bool IsEmpty => Indent == Text.Length;

        internal string TrimmedText => Indent == 0 ? Text : Text.Substring(Indent);

        internal bool StartsWith(string prefix) =>
            Text.Length - Indent >= prefix.Length && string.CompareOrdinal(Text, Indent, prefix, 0, prefix.Length) == 0;

        internal bool StartsWith(char prefix) => Indent < Text.Length && Text[Indent] == prefix;

        /// <summary>The keyword followed by a colon, e.g. "Scenario:".</summary>
        internal bool StartsWithTitleKeyword(string keyword) =>
            StartsWith(keyword) && Indent + keyword.Length < Text.Length && Text[Indent + keyword.Length] == ':';

        /// <summary>The line without its first <paramref name="indentToRemove"/> characters, or without all its indent when it has less.</summary>
        internal string GetLineText(int indentToRemove) =>
            indentToRemove < 0 || indentToRemove > Indent ? TrimmedText : Text.Substring(indentToRemove);

        /// <summary>What follows the first <paramref name="length"/> characters after the indent, trimmed.</summary>
        internal string GetRestTrimmed(int length) => TextRules.TrimWhitespace(Text, Indent + length, Text.Length);

        /// <summary>The language of a "# language: xx" header, or null when the line is not one.</summary>
        internal string? GetLanguageHeader()
        {
            var i = Indent;
            if (!Expect(ref i, "#")) return null;
            SkipWhitespace(ref i);
            if (!Expect(ref i, "language")) return null;
            SkipWhitespace(ref i);
            if (!Expect(ref i, ":")) return null;
            SkipWhitespace(ref i);
            var start = i;
            while (i < Text.Length && IsLanguageNameChar(Text[i])) i++;
            var end = i;
            SkipWhitespace(ref i);
            return end > start && i == Text.Length ? Text.Substring(start, end - start) : null;
        }

        /// <summary>
        /// The tags of a tag line. A comment may follow after whitespace. Returns the column of the first tag that
        /// contains whitespace through <paramref name="invalidTagColumn"/> (0 when all are valid).
        /// </summary>
        internal List<LineSpan> GetTags(out int invalidTagColumn)
        {
            invalidTagColumn = 0;
            var end = Text.Length;
            for (var i = Indent; i + 1 < Text.Length; i++)
            {
                if (TextRules.IsWhitespace(Text[i]) && Text[i + 1] == '#')
                {
                    end = i;
                    break;
                }
            }

            var tags = new List<LineSpan>();
            var at = Text.IndexOf(TagPrefix, Indent, end - Indent);
            while (at >= 0)
            {
                var next = at + 1 < end ? Text.IndexOf(TagPrefix, at + 1, end - at - 1) : -1;
                var nameEnd = next < 0 ? end : next;
                while (nameEnd > at + 1 && TextRules.IsWhitespace(Text[nameEnd - 1])) nameEnd--;
                if (nameEnd > at + 1)
                {
                    var column = TextRules.CountCodePoints(Text, 0, at) + 1;
                    for (var i = at + 1; i < nameEnd; i++)
                    {
                        if (TextRules.IsWhitespace(Text[i]))
                        {
                            invalidTagColumn = column;
                            return tags;
                        }
                    }
                    tags.Add(new LineSpan(column, Text.Substring(at, nameEnd - at)));
                }
                at = next;
            }
            return tags;
        }

        /// <summary>
        /// The cells of a table row: text between unescaped pipes, trimmed; anything after the last pipe is dropped.
        /// Escapes: \| is a pipe, \\ a backslash, \n a newline; any other backslash stays as it is.
        /// </summary>
        internal List<LineSpan> GetTableCells()
        {
            var cells = new List<LineSpan>();
            var isBeforeFirstPipe = true;
            var cellStart = Indent;
            var hasEscapes = false;
            var i = Indent;
            while (i < Text.Length)
            {
                var c = Text[i++];
                if (c == CellSeparator)
                {
                    if (isBeforeFirstPipe)
                    {
                        isBeforeFirstPipe = false;
                    }
                    else
                    {
                        cells.Add(MakeCell(cellStart, i - 1, hasEscapes));
                    }
                    cellStart = i;
                    hasEscapes = false;
                }
                else if (c == CellEscape)
                {
                    hasEscapes = true;
                    i++;
                }
            }
            return cells;
        }

        private LineSpan MakeCell(int start, int end, bool hasEscapes)
        {
            var contentStart = start;
            while (contentStart < end && TextRules.IsCellPadding(Text[contentStart])) contentStart++;
            var column = TextRules.CountCodePoints(Text, 0, contentStart) + 1;

            var contentEnd = end;
            while (contentEnd > contentStart && TextRules.IsCellPadding(Text[contentEnd - 1])) contentEnd--;
            return new LineSpan(column, hasEscapes ? Unescape(contentStart, end) : Text.Substring(contentStart, contentEnd - contentStart));
        }

        /// <summary>Unescapes, then trims the end, in the official order (so "\ " loses its space).</summary>
        private string Unescape(int start, int end)
        {
            var builder = new StringBuilder(end - start);
            for (var i = start; i < end; i++)
            {
                var c = Text[i];
                if (c == CellEscape && i + 1 < end)
                {
                    var escaped = Text[++i];
                    if (escaped == 'n')
                    {
                        builder.Append('\n');
                        continue;
                    }
                    if (escaped != CellSeparator && escaped != CellEscape)
                    {
                        builder.Append(CellEscape);
                    }
                    builder.Append(escaped);
                }
                else
                {
                    builder.Append(c);
                }
            }
            var length = builder.Length;
            while (length > 0 && TextRules.IsCellPadding(builder[length - 1])) length--;
            return builder.ToString(0, length);
        }

        private bool Expect(ref int i, string text)
        {
            if (Text.Length - i < text.Length || string.CompareOrdinal(Text, i, text, 0, text.Length) != 0) return false;
            i += text.Length;
            return true;
        }

        private void SkipWhitespace(ref int i)
        {
            while (i < Text.Length && TextRules.IsWhitespace(Text[i])) i++;
        }

        private static bool IsLanguageNameChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }
}
