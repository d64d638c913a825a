using System.Text.Json.Nodes;
using Kubernaut.Bdd.Conformance.Tests.Report.Bindings;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Reporting;
using Kubernaut.Bdd.Runner;

namespace Kubernaut.Bdd.Conformance.Tests.Report;

/// <summary>
/// The runtime's message stream against the JSON schema of @cucumber/messages (validate-messages.mjs, ajv), on a
/// feature set that makes the runtime emit every kind of message it can.
/// </summary>
public sealed class MessageSchemaTests(ITestOutputHelper output)
{
    private const string EveryOutcome = """"
        @schema
        Feature: Every message kind
          Background:
            Given a clean slate

          Scenario: Passing with a parameter type, a doc string, a table and a link
            Given the flight LHR-CDG
            When the following is logged:
              """
              a multi-line
              log entry
              """
            And these rows are attached:
              | name | value |
              | a    | 1     |
            And a link to "https://cucumber.io" is attached
            Then 3 things happened

          Scenario: Failing
            When it fails
            Then 1 things happened

          Scenario: Pending
            When it is pending

          Scenario: Skipped
            When it is skipped

          Scenario: Undefined, with a suggestion
            When nobody defined this step for 5 "receivers"

          Scenario: Ambiguous
            When it is ambiguous

          Scenario: Undefined parameter type
            Given CDG is closed

          Scenario Outline: Counting <n>
            Then <n> things happened

            Examples:
              | n |
              | 2 |
        """";

    private const string Malformed = """
        Feature: Malformed
          Scenario: A step followed by a stray line
            Given a clean slate
          this line is not Gherkin
        """;

    /// <summary>Every kind of envelope the runtime emits.</summary>
    private static readonly string[] EveryKind =
    [
        "meta", "source", "gherkinDocument", "parseError", "pickle", "stepDefinition", "hook", "parameterType", "undefinedParameterType",
        "testRunStarted", "testRunHookStarted", "testRunHookFinished", "testCase", "testCaseStarted", "testStepStarted", "attachment",
        "suggestion", "testStepFinished", "testCaseFinished", "testRunFinished",
    ];

    [Fact]
    public async Task Every_kind_of_message_the_runtime_emits_is_valid_against_the_messages_schema()
    {
        var node = ReportToolchain.RequireNode();
        var tools = ReportToolchain.RequireInstalledTools();
        var ndjson = Path.Combine(ReportToolchain.ArtifactsFolder("message-schema"), "every-message-kind.ndjson");
        var run = await BddRunner.RunAsync(new BddRunOptions
        {
            Features = [new FeatureSource("features/every-message-kind.feature", EveryOutcome), new FeatureSource("features/malformed.feature", Malformed)],
            BindingTypes = [typeof(EveryMessageKindSteps)],
        }, TestContext.Current.CancellationToken);
        await NdjsonWriter.WriteAsync(run.Envelopes, ndjson, TestContext.Current.CancellationToken);

        var kinds = run.Envelopes.Select(envelope => JsonNode.Parse(MessageSerializer.Serialize(envelope))!.AsObject().First().Key).ToHashSet();
        var statuses = run.Scenarios.Select(s => s.Status).ToHashSet();
        Assert.True(EveryKind.All(kinds.Contains), $"The feature set no longer makes the runtime emit {string.Join(", ", EveryKind.Except(kinds))}: extend it, or the schema check misses those messages.");
        Assert.True(Enum.GetValues<TestStepResultStatus>().Except([TestStepResultStatus.UNKNOWN]).All(statuses.Contains), $"The scenarios end as {string.Join(", ", statuses)}; every status but UNKNOWN must occur.");

        var (validation, summary) = await ReportToolchain.RunScriptAsync(node, tools, tools.ValidateMessagesScript, [ndjson]);
        var violations = Describe(summary);
        ConformanceSummary.Write(output, "schema",
        [
            $"Message schema (@cucumber/messages {summary["schemaVersion"]}): {summary["envelopes"]} envelopes of {kinds.Count} kinds, {violations.Count} violations ({ndjson})",
            .. violations.Select(v => "  " + v),
        ]);
        Assert.Equal(run.Envelopes.Count, summary["envelopes"]!.GetValue<int>());
        Assert.True(violations.Count == 0 && validation.Succeeded, $"{ndjson} violates the messages schema:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public async Task A_violation_is_reported_with_its_line_path_and_rule()
    {
        var node = ReportToolchain.RequireNode();
        var tools = ReportToolchain.RequireInstalledTools();
        var ndjson = Path.Combine(ReportToolchain.ArtifactsFolder("message-schema"), "invalid.ndjson");
        await File.WriteAllLinesAsync(ndjson,
        [
            """{"testRunStarted":{"id":"1","timestamp":{"seconds":0,"nanos":0}}}""",
            """{"testStepFinished":{"testCaseStartedId":"2","testStepId":"3","testStepResult":{"status":"BROKEN","duration":{"seconds":0,"nanos":0}},"timestamp":{"seconds":0,"nanos":0}}}""",
        ], TestContext.Current.CancellationToken);

        var (validation, summary) = await ReportToolchain.RunScriptAsync(node, tools, tools.ValidateMessagesScript, [ndjson]);

        Assert.False(validation.Succeeded);
        var violation = Assert.Single(Describe(summary));
        Assert.StartsWith("line 2: /testStepFinished/testStepResult/status violates enum", violation, StringComparison.Ordinal);
    }

    /// <summary>"line N: /json/path violates rule: message" for each violation the script reported.</summary>
    private static List<string> Describe(JsonNode summary) =>
        summary["violations"]!.AsArray()
            .Select(v => $"line {v!["line"]}: {v["path"]} violates {v["rule"]}: {v["message"]}")
            .ToList();
}
