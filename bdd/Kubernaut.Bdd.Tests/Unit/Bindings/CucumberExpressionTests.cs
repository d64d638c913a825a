using Kubernaut.Bdd.Bindings;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Tests.Steps;

namespace Kubernaut.Bdd.Tests.Unit.Bindings;

public class CucumberExpressionTests
{
    private static readonly ParameterTypeRegistry Registry = new([], [typeof(Channel)]);

    private static IReadOnlyList<MatchedArgument>? Match(string expression, string text) => CucumberStepExpression.Compile(expression, Registry).Match(text);

    [Theory]
    [InlineData("I have {int} cukes", "I have 42 cukes", "42")]
    [InlineData("I have {int} cukes", "I have -3 cukes", "-3")]
    [InlineData("it costs {float} EUR", "it costs 2.5 EUR", "2.5")]
    [InlineData("it costs {float} EUR", "it costs .5 EUR", ".5")]
    [InlineData("it costs {double} EUR", "it costs 1E3 EUR", "1E3")]
    [InlineData("it costs {decimal} EUR", "it costs 19.99 EUR", "19.99")]
    [InlineData("it waits {long} ticks", "it waits 9000000000 ticks", "9000000000")]
    [InlineData("the {word} receiver", "the slack-ops receiver", "slack-ops")]
    [InlineData("the receiver {}", "the receiver with spaces in it", "with spaces in it")]
    [InlineData("it starts {DateTime}", "it starts 2025-01-31T22:00:00Z", "2025-01-31T22:00:00Z")]
    [InlineData("on channel {Channel}", "on channel pager", "pager")]
    public void A_parameter_type_captures_its_text(string expression, string text, string captured) =>
        Match(expression, text)!.Single().Text.Should().Be(captured);

    [Theory]
    [InlineData("I have {int} cukes", "I have 4.2 cukes")]
    [InlineData("I have {int} cukes", "I have 42 cukes today")]
    [InlineData("the {word} receiver", "the slack ops receiver")]
    [InlineData("a {string} route", "a ops route")]
    public void Text_that_does_not_fit_does_not_match(string expression, string text) => Match(expression, text).Should().BeNull();

    [Fact]
    public void A_string_parameter_reports_its_quoted_group_with_both_alternatives_as_children()
    {
        var argument = Match("the route {string}", "the route \"ops\"")!.Single();

        argument.ParameterType!.Name.Should().Be("string");
        argument.Group.Start.Should().Be(10);
        argument.Group.Value.Should().Be("\"ops\"");
        // Capture 1 (double quotes) matched with its empty escape group; capture 3 (single quotes) did not.
        argument.Group.Children.Should().HaveCount(2);
        argument.Group.Children![0].Value.Should().Be("ops");
        argument.Group.Children[0].Children.Should().ContainSingle().Which.Value.Should().BeNull();
        argument.Group.Children[1].Value.Should().BeNull();
        argument.Group.Children[1].Start.Should().BeNull();
    }

    [Fact]
    public void Single_quoted_strings_match_too() => Match("the route {string}", "the route 'ops'")!.Single().Group.Children![1].Value.Should().Be("ops");

    [Theory]
    [InlineData("1 receiver is muted")]
    [InlineData("2 receivers is muted")]
    [InlineData("2 receivers are silenced")]
    public void Optional_text_and_alternatives_match_every_variant(string text) =>
        Match("{int} receiver(s) is/are muted/silenced", text).Should().NotBeNull();

    [Fact]
    public void Alternatives_are_bounded_by_whitespace() => Match("the is/are muted", "the is muted").Should().NotBeNull();

    [Theory]
    [InlineData(@"a \(literal) parenthesis", "a (literal) parenthesis")]
    [InlineData(@"a \{literal} brace", "a {literal} brace")]
    [InlineData(@"either\/or", "either/or")]
    [InlineData(@"a back\\slash", @"a back\slash")]
    [InlineData("regex characters . * + ? ^ $ | [ ] stay literal", "regex characters . * + ? ^ $ | [ ] stay literal")]
    public void Escaped_and_regex_characters_are_literal(string expression, string text) => Match(expression, text).Should().NotBeNull();

    [Fact]
    public void Arguments_come_in_expression_order_with_their_start_offsets()
    {
        var arguments = Match("{int} notifications from {string} via {word}", "3 notifications from \"am\" via webhook")!;

        arguments.Select(a => (a.ParameterType!.Name, a.Group.Start, a.Text)).Should().Equal(("int", 0, "3"), ("string", 21, "\"am\""), ("word", 30, "webhook"));
    }

    [Theory]
    [InlineData("a (missing end", "The '(' does not have a matching ')'")]
    [InlineData("a {missing end", "The '{' does not have a matching '}'")]
    [InlineData("an () empty optional", "An optional must contain some text")]
    [InlineData("a ({int}) parameter in an optional", "An optional may not contain a parameter type")]
    [InlineData("an ((nested)) optional", "An optional may not contain an other optional")]
    [InlineData("a (one/two) alternation in an optional", "An alternation can not be used inside an optional")]
    [InlineData("an empty / alternative", "Alternative may not be empty")]
    [InlineData("a {bad(name} parameter", "Parameter names may not contain")]
    [InlineData(@"a \x bad escape", "Only the characters")]
    [InlineData(@"an escaped end\", "The end of line can not be escaped")]
    public void Malformed_expressions_are_reported_with_the_column_and_the_fix(string expression, string problem)
    {
        var compile = () => CucumberStepExpression.Compile(expression, Registry);

        compile.Should().Throw<CucumberExpressionException>().Which.Message.Should().StartWith("This Cucumber Expression has a problem at column").And.Contain(problem);
    }

    [Fact]
    public void An_undefined_parameter_type_is_reported_with_its_name()
    {
        var compile = () => CucumberStepExpression.Compile("{airport} is closed", Registry);

        compile.Should().Throw<UndefinedParameterTypeException>().Which.ParameterTypeName.Should().Be("airport");
    }

    [Fact]
    public void A_cucumber_expression_reports_its_pattern_type() =>
        CucumberStepExpression.Compile("a step", Registry).PatternType.Should().Be(StepDefinitionPatternType.CUCUMBER_EXPRESSION);
}
