using System.Text.Json.Nodes;

namespace Kubernaut.Bdd.Conformance.Tests.Cck;

/// <summary>What the CCK comparison ignores, and that it still finds every other difference with its envelope and path.</summary>
public sealed class CckNormalisationTests
{
    private static string? Compare(string[] expected, string[] actual) =>
        CckRun.FirstDifference(
            CckNormalisation.Normalise(expected.Select(line => JsonNode.Parse(line)!), "sample"),
            CckNormalisation.Normalise(actual.Select(line => JsonNode.Parse(line)!), "sample"));

    [Fact]
    public void Ids_clocks_machines_source_lines_stack_traces_and_snippet_code_are_ignored()
    {
        string[] official =
        [
            """{"meta":{"protocolVersion":"33.0.4","implementation":{"name":"fake-cucumber"},"os":{"name":"darwin"},"cpu":{"name":"arm64"}}}""",
            """{"stepDefinition":{"id":"4","pattern":{"type":"CUCUMBER_EXPRESSION","source":"a step"},"sourceReference":{"uri":"samples/sample/sample.ts","location":{"line":3}}}}""",
            """{"testStepFinished":{"testCaseStartedId":"8","testStepId":"7","testStepResult":{"status":"FAILED","message":"boom","exception":{"type":"Error","message":"boom","stackTrace":"Error: boom\nsamples/sample/sample.feature:4"},"duration":{"seconds":0,"nanos":1000000}},"timestamp":{"seconds":0,"nanos":3000000}}}""",
            """{"suggestion":{"id":"9","pickleStepId":"2","snippets":[{"language":"typescript","code":"Given('x', () => 'pending')"}]}}""",
            """{"pickle":{"id":"2","uri":"samples/sample/sample.feature"}}""",
        ];
        string[] ours =
        [
            """{"meta":{"protocolVersion":"33.0.4","implementation":{"name":"Kubernaut.Bdd"},"os":{"name":"Debian"},"cpu":{"name":"x64"},"ci":{"name":"CI"}}}""",
            """{"stepDefinition":{"id":"a","pattern":{"source":"a step","type":"CUCUMBER_EXPRESSION"},"sourceReference":{"uri":"Cck/Samples/Sample.cs","location":{"line":12}}}}""",
            """{"testStepFinished":{"testCaseStartedId":"c","testStepId":"b","testStepResult":{"status":"FAILED","message":"boom","exception":{"type":"System.Exception","message":"boom","stackTrace":"   at Steps.Fail()"},"duration":{"seconds":1,"nanos":7}},"timestamp":{"seconds":1700000000,"nanos":5}}}""",
            """{"suggestion":{"id":"d","pickleStepId":"e","snippets":[{"language":"csharp","code":"[Given(\"x\")]"}]}}""",
            """{"pickle":{"id":"e","uri":"sample.feature"}}""",
        ];

        Assert.Null(Compare(official, ours));
    }

    [Fact]
    public void A_different_status_is_reported_with_its_envelope_and_path()
    {
        string[] official = ["""{"testRunStarted":{"id":"1"}}""", """{"testStepFinished":{"testStepId":"2","testStepResult":{"status":"PASSED"}}}"""];
        string[] ours = ["""{"testRunStarted":{"id":"x"}}""", """{"testStepFinished":{"testStepId":"y","testStepResult":{"status":"FAILED"}}}"""];

        Assert.Equal("envelope[1].testStepFinished.testStepResult.status: expected \"PASSED\", actual \"FAILED\"", Compare(official, ours));
    }

    [Fact]
    public void A_reference_to_another_message_than_the_official_one_is_a_difference()
    {
        string[] official = ["""{"hook":{"id":"1"}}""", """{"hook":{"id":"2"}}""", """{"testCase":{"testSteps":[{"hookId":"2"}]}}"""];
        string[] ours = ["""{"hook":{"id":"a"}}""", """{"hook":{"id":"b"}}""", """{"testCase":{"testSteps":[{"hookId":"a"}]}}"""];

        Assert.Equal("envelope[2].testCase.testSteps[0].hookId: expected \"id#1\", actual \"id#0\"", Compare(official, ours));
    }

    [Fact]
    public void Exception_types_other_than_the_base_errors_must_match()
    {
        string[] official = ["""{"testStepFinished":{"testStepResult":{"exception":{"type":"Error","message":"m"}}}}"""];
        string[] ours = ["""{"testStepFinished":{"testStepResult":{"exception":{"type":"System.InvalidOperationException","message":"m"}}}}"""];

        Assert.Equal("envelope[0].testStepFinished.testStepResult.exception.type: expected \"Error\", actual \"InvalidOperationException\"", Compare(official, ours));
    }

    [Fact]
    public void Feature_uris_must_name_the_same_file_of_the_sample()
    {
        string[] official = ["""{"source":{"uri":"samples/sample/first.feature"}}"""];
        string[] ours = ["""{"source":{"uri":"second.feature"}}"""];

        Assert.Equal("envelope[0].source.uri: expected \"first.feature\", actual \"second.feature\"", Compare(official, ours));
    }

    [Fact]
    public void A_missing_or_extra_message_is_named_by_its_kind()
    {
        string[] official = ["""{"testRunStarted":{"id":"1"}}""", """{"testRunFinished":{"testRunStartedId":"1"}}"""];
        string[] ours = ["""{"testRunStarted":{"id":"1"}}"""];

        Assert.Equal("expected 2 envelopes, actual 1; first missing: testRunFinished", Compare(official, ours));
        Assert.Equal("expected 1 envelopes, actual 2; first extra: testRunFinished", Compare(ours, official));
    }

    [Fact]
    public void Messages_out_of_order_are_a_difference()
    {
        string[] official = ["""{"testStepStarted":{"testStepId":"1"}}""", """{"attachment":{"testStepId":"1"}}"""];
        string[] ours = ["""{"attachment":{"testStepId":"1"}}""", """{"testStepStarted":{"testStepId":"1"}}"""];

        var difference = Compare(official, ours);
        Assert.StartsWith("envelope[0].attachment: expected no property", difference, StringComparison.Ordinal);
        Assert.EndsWith("(expected message kind testStepStarted, actual attachment)", difference, StringComparison.Ordinal);
    }
}
