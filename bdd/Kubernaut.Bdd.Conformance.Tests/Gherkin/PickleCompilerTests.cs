using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>The pickle compiler's rules: backgrounds, outlines, placeholders, tag inheritance, step types and AST node ids.</summary>
public sealed class PickleCompilerTests
{
    private static (GherkinDocument Document, List<Pickle> Pickles) Compile(string source)
    {
        var ids = new IncrementingIdGenerator();
        var result = new GherkinParser(ids).Parse("features/x.feature", source);
        Assert.True(result.Success, string.Join("; ", result.Errors));
        return (result.Document!, PickleCompiler.Compile(result.Document!, ids));
    }

    [Fact]
    public void Feature_and_rule_backgrounds_come_first_and_rule_backgrounds_stay_in_their_rule()
    {
        var (_, pickles) = Compile("""
            Feature: F
              Background:
                Given feature background
              Scenario: top
                When top step
              Rule: R1
                Background:
                  Given rule background
                Scenario: in rule
                  When rule step
              Rule: R2
                Scenario: other rule
                  When other step
            """);

        Assert.Equal(["top", "in rule", "other rule"], pickles.Select(p => p.Name));
        Assert.Equal(["feature background", "top step"], pickles[0].Steps.Select(s => s.Text));
        Assert.Equal(["feature background", "rule background", "rule step"], pickles[1].Steps.Select(s => s.Text));
        Assert.Equal(["feature background", "other step"], pickles[2].Steps.Select(s => s.Text));
    }

    [Fact]
    public void A_scenario_without_steps_gets_no_background_steps()
    {
        var (_, pickles) = Compile("Feature: F\n  Background:\n    Given b\n  Scenario: empty\n");

        Assert.Empty(Assert.Single(pickles).Steps);
    }

    [Fact]
    public void Each_examples_row_becomes_a_pickle_with_placeholders_replaced_everywhere()
    {
        var (document, pickles) = Compile("""
            Feature: F
              Scenario Outline: <name> eats <count>
                Given <name> has <count> <unit>
                  | <name> | <count> |
                And a note
                  ```<type>
                  <name> is hungry
                  ```
                Examples: none
                Examples: some
                  | name | count | unit | type |
                  | Ann  | 2     | kg   | text |
                  | Bob  | 3     | g    | json |
                Examples: header only
                  | name |
            """);

        Assert.Equal(["Ann eats 2", "Bob eats 3"], pickles.Select(p => p.Name));
        var bob = pickles[1];
        Assert.Equal("Bob has 3 g", bob.Steps[0].Text);
        Assert.Equal(["Bob", "3"], bob.Steps[0].Argument!.DataTable!.Rows[0].Cells.Select(c => c.Value));
        Assert.Equal("Bob is hungry", bob.Steps[1].Argument!.DocString!.Content);
        Assert.Equal("json", bob.Steps[1].Argument!.DocString!.MediaType);

        var outline = document.Feature!.Children[0].Scenario!;
        var bobRow = outline.Examples[1].TableBody[1];
        Assert.Equal([outline.Id, bobRow.Id], bob.AstNodeIds);
        Assert.Equal([outline.Steps[0].Id, bobRow.Id], bob.Steps[0].AstNodeIds);
        Assert.Equal(bobRow.Location.Line, bob.Location!.Line);
    }

    [Fact]
    public void Placeholders_are_replaced_header_by_header_so_a_value_may_introduce_a_later_placeholder()
    {
        var (_, pickles) = Compile("Feature: F\n  Scenario Outline: O\n    Given <a>\n    Examples:\n      | a   | b |\n      | <b> | x |\n");

        Assert.Equal("x", Assert.Single(pickles).Steps[0].Text);
    }

    [Fact]
    public void Tags_are_inherited_from_feature_rule_scenario_and_examples_in_that_order()
    {
        var (_, pickles) = Compile("""
            @feature
            Feature: F
              @rule
              Rule: R
                @scenario
                Scenario Outline: O
                  Given a
                  @examples
                  Examples:
                    | x |
                    | 1 |
            """);

        var pickle = Assert.Single(pickles);
        Assert.Equal(["@feature", "@rule", "@scenario", "@examples"], pickle.Tags.Select(t => t.Name));
        Assert.Equal(4, pickle.Tags.Select(t => t.AstNodeId).Distinct().Count());
    }

    [Fact]
    public void And_and_but_take_the_type_of_the_step_before_them_and_a_leading_conjunction_is_unknown()
    {
        var (_, pickles) = Compile("""
            Feature: F
              Background:
                And first
                Given context
              Scenario: S
                And more context
                When action
                But not that
                Then outcome
                * anything
            """);

        Assert.Equal(
            [PickleStepType.Unknown, PickleStepType.Context, PickleStepType.Context, PickleStepType.Action, PickleStepType.Action, PickleStepType.Outcome, PickleStepType.Unknown],
            Assert.Single(pickles).Steps.Select(s => s.Type!.Value));
    }

    [Fact]
    public void A_step_with_a_table_and_a_doc_string_numbers_them_in_written_order()
    {
        var (_, pickles) = Compile("Feature: F\n  Scenario: S\n    Given both\n      \"\"\"\n      doc\n      \"\"\"\n      | cell |\n");

        var argument = Assert.Single(pickles).Steps[0].Argument!;
        Assert.Equal(1, argument.DocString!.ArgumentIndex);
        Assert.Equal(2, argument.DataTable!.ArgumentIndex);
    }

    [Fact]
    public void A_single_argument_has_no_index()
    {
        var (_, pickles) = Compile("Feature: F\n  Scenario: S\n    Given one\n      | cell |\n");

        Assert.Null(Assert.Single(pickles).Steps[0].Argument!.DataTable!.ArgumentIndex);
    }

    [Fact]
    public void Pickles_carry_the_uri_language_and_scenario_location()
    {
        var (_, pickles) = Compile("# language: fr\nFonctionnalité: F\n\n  Scénario: S\n    Soit x\n");

        var pickle = Assert.Single(pickles);
        Assert.Equal("features/x.feature", pickle.Uri);
        Assert.Equal("fr", pickle.Language);
        Assert.Equal((4, 3), (pickle.Location!.Line, pickle.Location.Column!.Value));
    }

    [Fact]
    public void A_document_without_a_feature_has_no_pickles()
    {
        Assert.Empty(PickleCompiler.Compile(new GherkinDocument { Uri = "empty.feature" }, new IncrementingIdGenerator()));
    }
}
