using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Unit.Execution;

public class SnippetTests
{
    private static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);

    [Fact]
    public void Cucumber_expression_snippets_guess_parameter_types_and_escape_special_characters()
    {
        var snippet = new SnippetGenerator(StepDefinitionSkeletonStyle.CucumberExpressionAttribute)
            .MethodSnippet(StepDefinitionType.Then, "the (new) route \"ops/eu\" retries -3 times in 0.5 s for v2", null);

        snippet.Should().Be(Lines(
            "    [Then(\"the \\\\(new\\\\) route {string} retries {int} times in {float} s for v2\")]",
            "    public void ThenTheNewRouteRetriesTimesInSForV2(string p0, int p1, double p2)",
            "    {",
            "        throw new PendingStepException();",
            "    }"));
    }

    [Fact]
    public void Regex_snippets_anchor_the_expression_and_capture_the_arguments()
    {
        var argument = new PickleStepArgument { DocString = new PickleDocString { Content = "body" } };

        var snippet = new SnippetGenerator(StepDefinitionSkeletonStyle.RegexAttribute).MethodSnippet(StepDefinitionType.Given, "the payload of 2 \"alerts\" is", argument);

        snippet.Should().Be(Lines(
            "    [Given(@\"^the payload of (-?\\d+) \"\"([^\"\"]*)\"\" is$\")]",
            "    public void GivenThePayloadOfIs(int p0, string p1, string multilineText)",
            "    {",
            "        throw new PendingStepException();",
            "    }"));
    }
}
