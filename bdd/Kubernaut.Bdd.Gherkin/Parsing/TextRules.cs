namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>Character classes of the official implementation, without regular expressions.</summary>
    internal static class TextRules
    {
        /// <summary>Whitespace as JavaScript's <c>\s</c> (what the official scanner trims lines and titles with).</summary>
        internal static bool IsWhitespace(char c)
        {
            switch (c)
            {
                case ' ':
                case '\t':
                case '\n':
                case '\v':
                case '\f':
                case '\r':
                case '\u00A0':
                case '\u1680':
                case '\u2028':
                case '\u2029':
                case '\u202F':
                case '\u205F':
                case '\u3000':
                case '\uFEFF':
                    return true;
                default:
                    return c >= '\u2000' && c <= '\u200A';
            }
        }

        /// <summary>What a table cell is trimmed of (narrower than <see cref="IsWhitespace"/>, as in the official scanner).</summary>
        internal static bool IsCellPadding(char c) =>
            c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u00A0';

        /// <summary>Columns count Unicode code points, so a surrogate pair (e.g. an emoji) is one column.</summary>
        internal static int CountCodePoints(string text, int start, int end)
        {
            var count = end - start;
            for (var i = start + 1; i < end; i++)
            {
                if (char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]))
                {
                    count--;
                }
            }
            return count;
        }

        internal static string TrimWhitespace(string text, int start, int end)
        {
            while (start < end && IsWhitespace(text[start])) start++;
            while (end > start && IsWhitespace(text[end - 1])) end--;
            return start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        }
    }
}
