using System.Globalization;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin
{
    /// <summary>One kind per exception type of the official Gherkin implementation.</summary>
    public enum GherkinErrorKind
    {
        /// <summary>A line that the grammar does not allow where it stands ("expected: ..., got '...'").</summary>
        UnexpectedToken,

        /// <summary>The file ended where the grammar needs more (e.g. an open doc string).</summary>
        UnexpectedEof,

        /// <summary>A <c># language:</c> header names a language this parser does not know.</summary>
        NoSuchLanguage,

        /// <summary>A table row has a different number of cells than the table's first row.</summary>
        InconsistentCellCount,

        /// <summary>A tag contains whitespace.</summary>
        InvalidTag,
    }

    /// <summary>A parse error with the official message text, line and column.</summary>
    public sealed class GherkinError
    {
        internal GherkinError(GherkinErrorKind kind, int line, int column, string description)
        {
            Kind = kind;
            Line = line;
            Column = column;
            Message = "(" + line.ToString(CultureInfo.InvariantCulture) + ":" + column.ToString(CultureInfo.InvariantCulture) + "): " + description;
        }

        public GherkinErrorKind Kind { get; }

        /// <summary>1-based line.</summary>
        public int Line { get; }

        /// <summary>1-based column, or 0 when the error is at the end of the file.</summary>
        public int Column { get; }

        /// <summary>The official text, prefixed with "(line:column): ".</summary>
        public string Message { get; }

        /// <summary>The content of a parseError envelope for this error.</summary>
        public ParseError ToMessage(string uri) => new ParseError
        {
            Source = new SourceReference
            {
                Uri = uri,
                Location = new Location(Line, Column == 0 ? (int?)null : Column),
            },
            Message = Message,
        };

        public override string ToString() => Message;
    }
}
