using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>Line-level rules: table cells and their columns, tags, doc strings, descriptions, keywords and language headers.</summary>
public sealed class ScannerTests
{
    private static Feature ParseFeature(string source)
    {
        var result = new GherkinParser(new IncrementingIdGenerator()).Parse("test.feature", source);
        Assert.True(result.Success, string.Join("; ", result.Errors));
        return result.Document!.Feature!;
    }

    private static Step FirstStep(string stepLines) =>
        ParseFeature("Feature: F\n  Scenario: S\n" + stepLines).Children[0].Scenario!.Steps[0];

    [Fact]
    public void Table_cells_unescape_pipes_backslashes_and_newlines_and_keep_other_backslashes()
    {
        var row = FirstStep("    Given t\n      | a\\|b | c\\\\d | e\\nf | \\x |\n").DataTable!.Rows[0];

        Assert.Equal(["a|b", "c\\d", "e\nf", "\\x"], row.Cells.Select(c => c.Value));
    }

    [Fact]
    public void Table_cells_are_trimmed_and_located_at_their_first_character_or_for_a_blank_cell_at_the_next_pipe()
    {
        var row = FirstStep("    Given t\n      |  a  |b|   |\n").DataTable!.Rows[0];

        Assert.Equal(["a", "b", ""], row.Cells.Select(c => c.Value));
        Assert.Equal([10, 14, 19], row.Cells.Select(c => c.Location.Column!.Value));
        Assert.Equal(7, row.Location.Column);
    }

    [Fact]
    public void Text_after_the_last_pipe_is_not_a_cell()
    {
        var row = FirstStep("    Given t\n      | a | b | trailing\n").DataTable!.Rows[0];

        Assert.Equal(["a", "b"], row.Cells.Select(c => c.Value));
    }

    [Fact]
    public void Columns_count_code_points_so_an_emoji_is_one_column()
    {
        var row = FirstStep("    Given t\n      | 😀 | b |\n").DataTable!.Rows[0];

        Assert.Equal([9, 13], row.Cells.Select(c => c.Location.Column!.Value));
    }

    [Fact]
    public void Tags_stop_at_a_comment_and_are_located_by_code_points()
    {
        var feature = ParseFeature("@😀 @b #not @a tag\nFeature: F\n");

        Assert.Equal(["@😀", "@b"], feature.Tags.Select(t => t.Name));
        Assert.Equal([1, 4], feature.Tags.Select(t => t.Location.Column!.Value));
    }

    [Fact]
    public void Doc_strings_lose_the_separator_indent_and_unescape_their_own_separator_only()
    {
        var docString = FirstStep(
            "    Given d\n" +
            "      \"\"\"text/plain\n" +
            "        indented\n" +
            "      \\\"\\\"\\\" and \\`\\`\\`\n" +
            "    less indented\n" +
            "      \"\"\"\n").DocString!;

        Assert.Equal("text/plain", docString.MediaType);
        Assert.Equal("\"\"\"", docString.Delimiter);
        Assert.Equal("  indented\n\"\"\" and \\`\\`\\`\nless indented", docString.Content);
        Assert.Equal((4, 7), (docString.Location.Line, docString.Location.Column!.Value));
    }

    [Fact]
    public void A_backtick_doc_string_may_contain_quotes_and_ends_only_at_backticks()
    {
        var docString = FirstStep("    Given d\n      ```\n      \"\"\"\n      ```\n").DocString!;

        Assert.Equal("```", docString.Delimiter);
        Assert.Null(docString.MediaType);
        Assert.Equal("\"\"\"", docString.Content);
    }

    [Fact]
    public void Descriptions_keep_their_indent_and_inner_blank_lines_but_not_comments_or_trailing_blank_lines()
    {
        var result = new GherkinParser(new IncrementingIdGenerator()).Parse("d.feature",
            "Feature: F\n\n  first line\n  # a comment\n\n  last line\n\n\n  Scenario: S\n");

        Assert.Equal("  first line\n\n  last line", result.Document!.Feature!.Description);
        Assert.Equal("  # a comment", Assert.Single(result.Document.Comments).Text);
        Assert.Equal(4, result.Document.Comments[0].Location.Line);
    }

    [Fact]
    public void The_longest_step_keyword_wins()
    {
        var feature = ParseFeature("# language: fr\nFonctionnalité: F\n  Scénario: S\n    Etant donné qu'il pleut\n    Et que ça mouille\n");

        var steps = feature.Children[0].Scenario!.Steps;
        Assert.Equal(["Etant donné qu'", "Et que "], steps.Select(s => s.Keyword));
        Assert.Equal(["il pleut", "ça mouille"], steps.Select(s => s.Text));
        Assert.Equal([StepKeywordType.Context, StepKeywordType.Conjunction], steps.Select(s => s.KeywordType!.Value));
    }

    [Fact]
    public void A_title_keyword_needs_its_colon()
    {
        var feature = ParseFeature("Feature: F\n  Scenario Outline: O\n  Scenario without colon\n    Given a\n");

        var scenario = Assert.Single(feature.Children).Scenario!;
        Assert.Equal("Scenario Outline", scenario.Keyword);
        Assert.Equal("  Scenario without colon", scenario.Description);
    }

    [Fact]
    public void A_language_header_may_have_spaces_everywhere()
    {
        var feature = ParseFeature("  #  language  :   no  \nEgenskap: F\n  Scenario: S\n    Gitt noe\n");

        Assert.Equal("no", feature.Language);
        Assert.Equal("Egenskap", feature.Keyword);
    }

    [Fact]
    public void Crlf_line_ends_are_not_part_of_the_text()
    {
        var step = FirstStep("    Given a\r\n      | x |\r\n");

        Assert.Equal("a", step.Text);
        Assert.Equal("x", step.DataTable!.Rows[0].Cells[0].Value);
    }

    [Fact]
    public void The_star_keyword_has_no_kind_of_its_own()
    {
        var step = FirstStep("    * anything\n");

        Assert.Equal("* ", step.Keyword);
        Assert.Equal(StepKeywordType.Unknown, step.KeywordType);
    }
}
