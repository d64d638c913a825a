using System;
using System.Linq;
using Kubernaut.Bdd.Gherkin.Parsing;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin
{
    /// <summary>
    /// Parses current Gherkin (Feature, Rule, Background, Scenario/Example, Scenario Outline with Examples, steps with
    /// data tables and doc strings, tags, comments, descriptions, "# language:" headers) into the gherkinDocument
    /// message, with the official grammar, error messages and error recovery. Thread-safe if the id generator is.
    /// </summary>
    public sealed class GherkinParser
    {
        private readonly IIdGenerator _ids;
        private readonly GherkinDialect _defaultDialect;

        /// <param name="ids">Draws the ids of AST nodes (scenarios, steps, rows, tags, ...).</param>
        /// <param name="defaultLanguage">The dialect of documents without a "# language:" header.</param>
        public GherkinParser(IIdGenerator ids, string defaultLanguage = "en")
        {
            _ids = ids ?? throw new ArgumentNullException(nameof(ids));
            if (defaultLanguage == null) throw new ArgumentNullException(nameof(defaultLanguage));
            _defaultDialect = GherkinDialect.Get(defaultLanguage)
                ?? throw new ArgumentException(
                    "Gherkin language '" + defaultLanguage + "' is not supported; use one of: " + string.Join(", ", GherkinDialect.Languages.OrderBy(l => l, StringComparer.Ordinal)) + ".",
                    nameof(defaultLanguage));
        }

        /// <summary>Parses one source. Never throws on bad input: problems are reported in <see cref="GherkinParseResult.Errors"/>.</summary>
        /// <param name="uri">Stored in the document (and later in pickles), e.g. "features/notification/delivery.feature".</param>
        /// <param name="source">The text of the feature file.</param>
        public GherkinParseResult Parse(string uri, string source)
        {
            if (uri == null) throw new ArgumentNullException(nameof(uri));
            if (source == null) throw new ArgumentNullException(nameof(source));
            var run = new ParserRun(source, _defaultDialect, _ids);
            var document = run.Run();
            document.Uri = uri;
            return new GherkinParseResult(document, run.Errors);
        }
    }
}
