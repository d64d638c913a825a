using System;
using System.Collections.Generic;
using System.Linq;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Gherkin
{
    /// <summary>The keywords of one Gherkin language, as selected by a <c># language: xx</c> header.</summary>
    public sealed class GherkinDialect
    {
        private readonly Dictionary<string, StepKeywordType> _stepKeywordTypes;

        internal GherkinDialect(
            string language, string name, string native,
            string[] feature, string[] rule, string[] background, string[] scenario, string[] scenarioOutline, string[] examples,
            string[] given, string[] when, string[] then, string[] and, string[] but)
        {
            Language = language;
            Name = name;
            Native = native;
            FeatureKeywords = Array.AsReadOnly(feature);
            RuleKeywords = Array.AsReadOnly(rule);
            BackgroundKeywords = Array.AsReadOnly(background);
            ScenarioKeywords = Array.AsReadOnly(scenario);
            ScenarioOutlineKeywords = Array.AsReadOnly(scenarioOutline);
            ExamplesKeywords = Array.AsReadOnly(examples);
            GivenKeywords = Array.AsReadOnly(given);
            WhenKeywords = Array.AsReadOnly(when);
            ThenKeywords = Array.AsReadOnly(then);
            AndKeywords = Array.AsReadOnly(and);
            ButKeywords = Array.AsReadOnly(but);

            // A keyword listed under several step kinds (as "* " always is) has no kind of its own.
            var kinds = new Dictionary<string, StepKeywordType>(StringComparer.Ordinal);
            void AddKind(IEnumerable<string> keywords, StepKeywordType type)
            {
                foreach (var keyword in keywords)
                {
                    kinds[keyword] = kinds.ContainsKey(keyword) ? StepKeywordType.Unknown : type;
                }
            }
            AddKind(given, StepKeywordType.Context);
            AddKind(when, StepKeywordType.Action);
            AddKind(then, StepKeywordType.Outcome);
            AddKind(and.Concat(but), StepKeywordType.Conjunction);
            _stepKeywordTypes = kinds;

            // Longest first, so that "Sipoze ke " wins over "Sipoze "; ties keep the official order (given, when, then, and, but).
            StepKeywords = Array.AsReadOnly(given.Concat(when).Concat(then).Concat(and).Concat(but)
                .Distinct(StringComparer.Ordinal)
                .Select((keyword, index) => new { keyword, index })
                .OrderByDescending(k => k.keyword.Length).ThenBy(k => k.index)
                .Select(k => k.keyword)
                .ToArray());
        }

        /// <summary>The language code used in <c># language:</c>, e.g. "en", "fr", "en-lol".</summary>
        public string Language { get; }

        /// <summary>English name of the language, e.g. "French".</summary>
        public string Name { get; }

        /// <summary>Name of the language in that language, e.g. "français".</summary>
        public string Native { get; }

        public IReadOnlyList<string> FeatureKeywords { get; }
        public IReadOnlyList<string> RuleKeywords { get; }
        public IReadOnlyList<string> BackgroundKeywords { get; }
        public IReadOnlyList<string> ScenarioKeywords { get; }
        public IReadOnlyList<string> ScenarioOutlineKeywords { get; }
        public IReadOnlyList<string> ExamplesKeywords { get; }

        /// <summary>Step keywords include their trailing space where the language has one ("Given "), as in the official table.</summary>
        public IReadOnlyList<string> GivenKeywords { get; }
        public IReadOnlyList<string> WhenKeywords { get; }
        public IReadOnlyList<string> ThenKeywords { get; }
        public IReadOnlyList<string> AndKeywords { get; }
        public IReadOnlyList<string> ButKeywords { get; }

        /// <summary>Every distinct step keyword, in the order the parser tries them (longest first).</summary>
        public IReadOnlyList<string> StepKeywords { get; }

        /// <summary>
        /// The kind of a step keyword exactly as written in a step (with its trailing space): Context, Action, Outcome,
        /// Conjunction, or Unknown when it belongs to several kinds (as "* " does); null when it is not a step keyword here.
        /// </summary>
        public StepKeywordType? GetStepKeywordType(string keyword)
        {
            if (keyword == null) throw new ArgumentNullException(nameof(keyword));
            return _stepKeywordTypes.TryGetValue(keyword, out var type) ? type : (StepKeywordType?)null;
        }

        /// <summary>The dialect for a language code (case-sensitive, as in Gherkin), or null when it is not supported.</summary>
        public static GherkinDialect? Get(string language)
        {
            if (language == null) throw new ArgumentNullException(nameof(language));
            return GherkinDialectTable.All.TryGetValue(language, out var dialect) ? dialect : null;
        }

        /// <summary>The language codes this parser knows.</summary>
        public static IReadOnlyCollection<string> Languages => GherkinDialectTable.Languages;

        public override string ToString() => Language + " (" + Name + ")";
    }
}
