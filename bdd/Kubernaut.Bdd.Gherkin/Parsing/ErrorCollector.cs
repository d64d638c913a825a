using System;
using System.Collections.Generic;

namespace Kubernaut.Bdd.Gherkin.Parsing
{
    /// <summary>Collects errors as the official parser does: duplicates (same message) once, and it gives up after more than 10.</summary>
    internal sealed class ErrorCollector
    {
        private const int MaxErrors = 10;
        private readonly List<GherkinError> _errors = new List<GherkinError>();

        internal IReadOnlyList<GherkinError> Errors => _errors;

        internal void Add(GherkinErrorKind kind, int line, int column, string description)
        {
            var error = new GherkinError(kind, line, column, description);
            foreach (var existing in _errors)
            {
                if (existing.Message == error.Message) return;
            }
            _errors.Add(error);
            if (_errors.Count > MaxErrors)
            {
                throw new TooManyErrorsException();
            }
        }
    }

    /// <summary>Ends a parse that has collected more than the maximum number of errors; never escapes the parser.</summary>
    internal sealed class TooManyErrorsException : Exception
    {
    }
}
