using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Tests.Unit.Bindings;

public class RegexExpressionTests
{
    [Theory]
    [InlineData("^I have (\\d+) cukes$", true)]
    [InlineData("I have (\\d+) cukes$", true)]
    [InlineData("^I have cukes", true)]
    [InlineData("I have (.*) cukes", true)]
    [InlineData("I have \\d+ cukes", true)]
    [InlineData("I have {int} cukes", false)]
    [InlineData("I have cukes", false)]
    [InlineData("I have (some) cukes", false)]
    public void Reqnroll_rules_decide_whether_text_is_a_regular_expression(string expression, bool isRegex) =>
        BindingRegistry.LooksLikeRegex(expression).Should().Be(isRegex);

    [Fact]
    public void A_regex_matches_the_whole_step_text_only()
    {
        var expression = new RegexStepExpression("I have (\\d+) cukes");

        expression.Match("I have 3 cukes").Should().NotBeNull();
        expression.Match("Now I have 3 cukes").Should().BeNull();
        expression.Match("I have 3 cukes in total").Should().BeNull();
        expression.PatternType.Should().Be(StepDefinitionPatternType.REGULAR_EXPRESSION);
    }

    [Fact]
    public void Top_level_captures_are_the_arguments_and_unmatched_optional_groups_are_empty()
    {
        var arguments = new RegexStepExpression("^a (.*?)(?: and a (.*?))?(?: and a (.*?))?$").Match("a cucumber and a zucchini")!;

        arguments.Select(a => (a.Group.Start, a.Group.Value)).Should().Equal((2, "cucumber"), (17, "zucchini"), (null, null));
        arguments.Should().OnlyContain(a => a.ParameterType == null);
        arguments[2].Text.Should().BeEmpty();
    }

    [Fact]
    public void Nested_captures_become_children_and_character_classes_and_lookarounds_are_not_groups()
    {
        var argument = new RegexStepExpression(@"^flight (([A-Z]{3})-(?=[A-Z])([A-Z(]{3}))$").Match("flight LHR-CDG")!.Single();

        argument.Group.Value.Should().Be("LHR-CDG");
        argument.Group.Children!.Select(c => c.Value).Should().Equal("LHR", "CDG");
    }

    [Fact]
    public void Named_groups_are_captures_too()
    {
        var arguments = new RegexStepExpression(@"^(?<from>\w+) to (\w+)$").Match("LHR to CDG")!;

        arguments.Select(a => a.Text).Should().Equal("LHR", "CDG");
    }
}
