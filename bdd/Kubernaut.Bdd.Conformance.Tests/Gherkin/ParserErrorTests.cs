using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>Errors for malformed input: kind, line, column and the official message text, beyond what the corpus covers.</summary>
public sealed class ParserErrorTests
{
    private static GherkinParseResult Parse(string source) => new GherkinParser(new IncrementingIdGenerator()).Parse("test.feature", source);

    [Fact]
    public void Text_before_the_feature_is_an_unexpected_token_listing_what_the_start_of_a_file_allows()
    {
        var result = Parse("hello\nFeature: F\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(GherkinErrorKind.UnexpectedToken, error.Kind);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("(1:1): expected: #EOF, #Language, #TagLine, #FeatureLine, #Comment, #Empty, got 'hello'", error.Message);
        Assert.False(result.Success);
    }

    [Fact]
    public void Examples_after_a_background_step_are_rejected_at_the_column_of_the_keyword()
    {
        var result = Parse("Feature: F\n  Background:\n    Given a\n  Examples:\n    | x |\n");

        var error = result.Errors[0];
        Assert.Equal(GherkinErrorKind.UnexpectedToken, error.Kind);
        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.Equal(
            "(4:3): expected: #EOF, #TableRow, #DocStringSeparator, #StepLine, #TagLine, #ScenarioLine, #RuleLine, #Comment, #Empty, got 'Examples:'",
            error.Message);
    }

    [Fact]
    public void A_doc_string_left_open_is_an_unexpected_end_of_file_without_a_column()
    {
        var result = Parse("Feature: F\n  Scenario: S\n    Given a\n      \"\"\"\n      text\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(GherkinErrorKind.UnexpectedEof, error.Kind);
        Assert.Equal((6, 0), (error.Line, error.Column));
        Assert.Equal("(6:0): unexpected end of file, expected: #DocStringSeparator, #Other", error.Message);

        var message = error.ToMessage("features/x.feature");
        Assert.Equal("features/x.feature", message.Source.Uri);
        Assert.Equal(6, message.Source.Location!.Line);
        Assert.Null(message.Source.Location.Column);
        Assert.Equal(error.Message, message.Message);
    }

    [Fact]
    public void A_tag_with_whitespace_is_reported_at_the_column_of_that_tag()
    {
        var result = Parse("Feature: F\n\n  @ok @bad tag\n  Scenario: S\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(GherkinErrorKind.InvalidTag, error.Kind);
        Assert.Equal("(3:7): A tag may not contain whitespace", error.Message);
    }

    [Fact]
    public void An_unknown_language_is_reported_and_the_rest_is_read_in_the_default_language()
    {
        var result = Parse("  # language: xx-unknown\nFeature: F\n  Scenario: S\n    Given a\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(GherkinErrorKind.NoSuchLanguage, error.Kind);
        Assert.Equal("(1:3): Language not supported: xx-unknown", error.Message);
        Assert.Equal("en", result.Document!.Feature!.Language);
        Assert.Equal("S", result.Document.Feature.Children[0].Scenario!.Name);
    }

    [Fact]
    public void Each_table_reports_its_first_row_with_a_different_cell_count()
    {
        var result = Parse("Feature: F\n  Scenario: S\n    Given a\n      | a | b |\n      | c |\n      | d |\n    When b\n      | a |\n      | b | c |\n");

        Assert.Equal(
            ["(5:7): inconsistent cell count within the table", "(9:7): inconsistent cell count within the table"],
            result.Errors.Select(e => e.Message));
        Assert.All(result.Errors, e => Assert.Equal(GherkinErrorKind.InconsistentCellCount, e.Kind));
    }

    [Fact]
    public void The_parser_recovers_after_an_error_and_keeps_what_follows()
    {
        var result = Parse("Feature: F\n  Scenario: first\n    Given a\n  nonsense\n  Scenario: second\n    Given b\n");

        Assert.Equal("(4:3): expected: #EOF, #TableRow, #DocStringSeparator, #StepLine, #TagLine, #ExamplesLine, #ScenarioLine, #RuleLine, #Comment, #Empty, got 'nonsense'",
            Assert.Single(result.Errors).Message);
        Assert.Equal(["first", "second"], result.Document!.Feature!.Children.Select(c => c.Scenario!.Name));
    }

    [Fact]
    public void The_same_error_met_twice_is_reported_once()
    {
        // After a step, a tag line is tried for the next Examples, Scenario and Rule: three matches, one error.
        var result = Parse("Feature: F\n  Scenario: S\n    Given a\n  @bad tag\n  Scenario: T\n");

        Assert.Equal(
            [GherkinErrorKind.InvalidTag, GherkinErrorKind.UnexpectedToken],
            result.Errors.Select(e => e.Kind));
        Assert.Equal("(4:3): A tag may not contain whitespace", result.Errors[0].Message);
    }

    [Fact]
    public void Parsing_stops_after_more_than_ten_errors_as_the_official_parser_does()
    {
        var junk = string.Concat(Enumerable.Range(1, 20).Select(i => $"junk {i}\n"));
        var result = Parse("Feature: F\n  Scenario: S\n    Given a\n" + junk);

        Assert.Equal(11, result.Errors.Count);
        Assert.EndsWith("got 'junk 11'", result.Errors[^1].Message);
        Assert.NotNull(result.Document);
    }

    [Fact]
    public void An_empty_source_is_a_valid_document_without_a_feature()
    {
        var result = Parse("");

        Assert.True(result.Success);
        Assert.Null(result.Document!.Feature);
        Assert.Equal("test.feature", result.Document.Uri);
    }

    [Fact]
    public void A_tag_line_at_the_end_of_the_file_expects_a_rule()
    {
        var result = Parse("Feature: F\n  Scenario: S\n    Given a\n  @orphan\n");

        Assert.Equal("(5:0): unexpected end of file, expected: #TagLine, #RuleLine, #Comment, #Empty", Assert.Single(result.Errors).Message);
    }
}
