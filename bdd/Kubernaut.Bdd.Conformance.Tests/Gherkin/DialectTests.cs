using System.Text.Json.Nodes;
using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>The hand-typed dialect table against the official one, and the dialect lookups the runtime and generator use.</summary>
public sealed class DialectTests
{
    [Fact]
    public void Every_included_dialect_has_exactly_the_official_keywords()
    {
        var official = GherkinCorpus.Require().OfficialDialects;
        var differences = new List<string>();
        foreach (var language in GherkinDialect.Languages)
        {
            var expected = official[language];
            if (expected == null)
            {
                differences.Add($"{language}: not an official dialect");
                continue;
            }
            var dialect = GherkinDialect.Get(language)!;
            void Check(string property, IEnumerable<string> actual)
            {
                var value = expected[property]!;
                var expectedKeywords = value is JsonArray array ? array.Select(k => k!.GetValue<string>()).ToList() : [value.GetValue<string>()];
                if (!expectedKeywords.SequenceEqual(actual))
                {
                    differences.Add($"{language}.{property}: expected [{string.Join("|", expectedKeywords)}], actual [{string.Join("|", actual)}]");
                }
            }
            Check("feature", dialect.FeatureKeywords);
            Check("rule", dialect.RuleKeywords);
            Check("background", dialect.BackgroundKeywords);
            Check("scenario", dialect.ScenarioKeywords);
            Check("scenarioOutline", dialect.ScenarioOutlineKeywords);
            Check("examples", dialect.ExamplesKeywords);
            Check("given", dialect.GivenKeywords);
            Check("when", dialect.WhenKeywords);
            Check("then", dialect.ThenKeywords);
            Check("and", dialect.AndKeywords);
            Check("but", dialect.ButKeywords);
            Check("name", [dialect.Name]);
            Check("native", [dialect.Native]);
        }
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("nl")]
    [InlineData("no")]
    [InlineData("pt")]
    [InlineData("em")]
    [InlineData("ht")]
    [InlineData("en-lol")]
    public void The_dialects_of_the_corpus_and_the_common_ones_are_included(string language)
    {
        Assert.Equal(language, GherkinDialect.Get(language)?.Language);
        Assert.Contains(language, GherkinDialect.Languages);
    }

    [Fact]
    public void An_unknown_language_has_no_dialect()
    {
        Assert.Null(GherkinDialect.Get("xx"));
        Assert.Null(GherkinDialect.Get("EN"));
    }

    [Fact]
    public void Step_keywords_are_listed_longest_first_once_each()
    {
        var keywords = GherkinDialect.Get("ht")!.StepKeywords;

        Assert.Equal(keywords.Distinct().Count(), keywords.Count);
        Assert.True(keywords.ToList().IndexOf("Sipoze ke ") < keywords.ToList().IndexOf("Sipoze "));
        Assert.Equal(keywords.OrderByDescending(k => k.Length), keywords);
    }

    [Theory]
    [InlineData("Given ", StepKeywordType.Context)]
    [InlineData("When ", StepKeywordType.Action)]
    [InlineData("Then ", StepKeywordType.Outcome)]
    [InlineData("And ", StepKeywordType.Conjunction)]
    [InlineData("But ", StepKeywordType.Conjunction)]
    [InlineData("* ", StepKeywordType.Unknown)]
    public void Step_keywords_have_the_kind_of_their_list(string keyword, StepKeywordType expected)
    {
        Assert.Equal(expected, GherkinDialect.Get("en")!.GetStepKeywordType(keyword));
    }

    [Fact]
    public void A_word_that_is_not_a_step_keyword_has_no_kind()
    {
        Assert.Null(GherkinDialect.Get("en")!.GetStepKeywordType("Given"));
    }

    [Fact]
    public void The_default_language_applies_to_documents_without_a_header()
    {
        var result = new GherkinParser(new IncrementingIdGenerator(), "de").Parse("de.feature", "Funktionalität: F\n  Szenario: S\n    Angenommen x\n");

        Assert.True(result.Success);
        Assert.Equal("de", result.Document!.Feature!.Language);
        Assert.Equal(StepKeywordType.Context, result.Document.Feature.Children[0].Scenario!.Steps[0].KeywordType);
    }

    [Fact]
    public void An_unsupported_default_language_is_refused_with_the_supported_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => new GherkinParser(new IncrementingIdGenerator(), "xx"));

        Assert.Contains("'xx' is not supported", error.Message);
        Assert.Contains("en-lol", error.Message);
    }
}
