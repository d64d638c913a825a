using Kubernaut.Bdd.Bindings;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Unit.Bindings;

public class TagExpressionTests
{
    [Theory]
    [InlineData("@a", "@a", true)]
    [InlineData("@a", "@b", false)]
    [InlineData("a", "@a", true)]
    [InlineData("@a and @b", "@a @b", true)]
    [InlineData("@a and @b", "@a", false)]
    [InlineData("@a or @b", "@b", true)]
    [InlineData("not @a", "@b", true)]
    [InlineData("not @a", "@a", false)]
    [InlineData("@a and not @b", "@a @b", false)]
    [InlineData("@a or @b and @c", "@a", true)]
    [InlineData("(@a or @b) and @c", "@a", false)]
    [InlineData("not (@a or @b)", "@c", true)]
    [InlineData("not not @a", "@a", true)]
    [InlineData(@"@with\(paren\)", "@with(paren)", true)]
    [InlineData("@service:notification", "@service:notification @slow", true)]
    [InlineData("", "@anything", true)]
    public void Expressions_follow_cucumber_precedence(string expression, string tags, bool expected) =>
        TagExpression.Parse(expression).Evaluate(tags.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Should().Be(expected);

    [Theory]
    [InlineData("@a and", "it ends with an operator")]
    [InlineData("and @a", "'and' must follow a tag or ')'")]
    [InlineData("(@a", "'(' has no matching ')'")]
    [InlineData("@a)", "')' has no matching '('")]
    [InlineData("@a @b", "the tag '@b' must follow an operator")]
    [InlineData(@"@a\", "it ends with a lone '\\'")]
    public void Malformed_expressions_say_what_is_wrong(string expression, string problem)
    {
        var parse = () => TagExpression.Parse(expression);

        parse.Should().Throw<BindingException>().WithMessage($"The tag expression \"{expression}\" is malformed: {problem}*");
    }

    [Fact]
    public void Several_filters_match_when_any_matches()
    {
        var filter = TagExpression.AnyOf(["@a and @b", "@c"]);

        filter.Evaluate(["@c"]).Should().BeTrue();
        filter.Evaluate(["@a"]).Should().BeFalse();
        filter.Text.Should().Be("(@a and @b) or (@c)");
    }
}
