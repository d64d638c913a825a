using System.Text.Json.Nodes;

namespace Kubernaut.Bdd.Conformance.Tests.Gherkin;

/// <summary>The comparison the conformance tests rely on: equal up to ids, uris and property order, and precise about differences.</summary>
public sealed class MessageComparisonTests
{
    private static List<JsonNode> Stream(params string[] lines) => MessageComparison.Normalise(lines.Select(line => JsonNode.Parse(line)!));

    [Fact]
    public void Streams_that_differ_only_in_ids_uris_and_property_order_are_equal()
    {
        var expected = Stream("""{"a":{"id":"0","uri":"x","name":"n"}}""", """{"b":{"astNodeIds":["0"],"id":"1"}}""");
        var actual = Stream("""{"a":{"name":"n","uri":"y","id":"abc"}}""", """{"b":{"id":"def","astNodeIds":["abc"]}}""");

        Assert.All(expected.Zip(actual), pair => Assert.Null(MessageComparison.FirstDifference(pair.First, pair.Second)));
    }

    [Fact]
    public void A_reference_to_the_wrong_id_is_a_difference()
    {
        var expected = Stream("""{"a":[{"id":"0"},{"id":"1"}],"ref":{"astNodeId":"1"}}""");
        var actual = Stream("""{"a":[{"id":"x"},{"id":"y"}],"ref":{"astNodeId":"x"}}""");

        Assert.Equal("$.ref.astNodeId: expected \"id#1\", actual \"id#0\"", MessageComparison.FirstDifference(expected[0], actual[0]));
    }

    [Fact]
    public void The_first_difference_names_its_path_and_both_values()
    {
        var expected = Stream("""{"steps":[{"text":"a"},{"text":"b"}]}""");
        var actual = Stream("""{"steps":[{"text":"a"},{"text":"c"}]}""");

        Assert.Equal("$.steps[1].text: expected \"b\", actual \"c\"", MessageComparison.FirstDifference(expected[0], actual[0]));
    }

    [Fact]
    public void Missing_properties_and_items_are_differences()
    {
        Assert.Equal("$.column: expected 3, actual no property", MessageComparison.FirstDifference(JsonNode.Parse("""{"column":3}"""), JsonNode.Parse("{}")));
        Assert.Equal("$: expected 2 items, actual 1", MessageComparison.FirstDifference(JsonNode.Parse("[1,2]"), JsonNode.Parse("[1]")));
    }
}
