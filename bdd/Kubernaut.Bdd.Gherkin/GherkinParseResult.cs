using System.Collections.Generic;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin
{
    /// <summary>What <see cref="GherkinParser.Parse"/> produced: a document and the errors met on the way.</summary>
    public sealed class GherkinParseResult
    {
        internal GherkinParseResult(GherkinDocument? document, IReadOnlyList<GherkinError> errors)
        {
            Document = document;
            Errors = errors;
        }

        /// <summary>
        /// The document, with its uri set. When there are errors it is a best-effort partial tree (the official
        /// implementation produces none): fine for tooling, not for compiling pickles to run.
        /// </summary>
        public GherkinDocument? Document { get; }

        /// <summary>Errors in the order the official parser reports them (at most 11, as it stops after more than 10).</summary>
        public IReadOnlyList<GherkinError> Errors { get; }

        public bool Success => Errors.Count == 0;
    }
}
