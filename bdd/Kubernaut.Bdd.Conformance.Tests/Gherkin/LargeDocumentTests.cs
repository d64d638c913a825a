using System.Text;
using Kubernaut.Bdd.Gherkin;
using Kubernaut.Bdd.Messages;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>
/// The size the runtime must handle (1,000 scenarios of 5 steps). Correctness only: the time is measured by the
/// lead's benchmark, not by a unit test.
/// </summary>
public sealed class LargeDocumentTests
{
    [Fact]
    public void A_thousand_scenarios_of_five_steps_compile_to_a_thousand_pickles()
    {
        var source = new StringBuilder("@large\nFeature: Large\n\n  Background:\n    Given a cluster\n\n");
        for (var i = 0; i < 1000; i++)
        {
            source.Append($"  @n{i}\n  Scenario: scenario {i}\n")
                .Append($"    Given notification {i} is routed to slack\n")
                .Append("    And the receiver fails\n")
                .Append("    When it is delivered\n")
                .Append("      | channel | attempts |\n      | slack   | 3        |\n")
                .Append("    Then the audit trail holds exactly 1 failed delivery\n")
                .Append("    But no retry is scheduled\n\n");
        }

        var ids = new IncrementingIdGenerator();
        var result = new GherkinParser(ids).Parse("large.feature", source.ToString());
        var pickles = PickleCompiler.Compile(result.Document!, ids);

        Assert.Empty(result.Errors);
        Assert.Equal(1000, pickles.Count);
        Assert.All(pickles, pickle => Assert.Equal(6, pickle.Steps.Count));
        Assert.Equal("scenario 999", pickles[^1].Name);
        Assert.Equal(["@large", "@n999"], pickles[^1].Tags.Select(t => t.Name));
    }
}
