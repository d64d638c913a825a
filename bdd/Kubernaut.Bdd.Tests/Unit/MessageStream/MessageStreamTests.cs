using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Runner;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Unit.MessageStream;

public class MessageStreamTests
{
    private static readonly FeatureSource First = new("features/first.feature", """
        Feature: First
          Scenario: Passes
            Given a step passes
          Scenario: Logs
            Given a step logs "hello"
        """);

    private static readonly FeatureSource Second = new("features/second.feature", """
        Feature: Second
          Scenario: Undefined
            Given a step nobody wrote
        """);

    [Fact]
    public async Task The_stream_follows_the_order_cucumber_emits_for_a_sequential_run()
    {
        var result = await Harness.RunAsync([First, Second], typeof(StreamBindings));

        result.Kinds().Should().Equal(
            "meta",
            "source", "gherkinDocument", "pickle", "pickle",
            "source", "gherkinDocument", "pickle",
            "hook", "stepDefinition", "stepDefinition", "hook",
            "testRunStarted",
            "testRunHookStarted", "attachment", "testRunHookFinished",
            "testCase", "testCase", "testCase",
            "testCaseStarted", "testStepStarted", "testStepFinished", "testCaseFinished",
            "testCaseStarted", "testStepStarted", "attachment", "testStepFinished", "testCaseFinished",
            "testCaseStarted", "testStepStarted", "suggestion", "testStepFinished", "testCaseFinished",
            "testRunHookStarted", "testRunHookFinished",
            "testRunFinished");
    }

    [Fact]
    public async Task Ids_are_drawn_in_cucumbers_order_so_an_incrementing_generator_reproduces_the_compatibility_kit()
    {
        var result = await Harness.RunAsync([First], typeof(StreamBindings));

        // Gherkin draws 0-7 (steps, scenarios, pickle steps, pickles), the support code 8-11, then the run.
        result.All<Pickle>().Select(p => p.Id).Should().Equal("5", "7");
        result.All<Hook>().Select(h => h.Id).Should().Equal("8", "11");
        result.All<StepDefinition>().Select(s => s.Id).Should().Equal("9", "10");
        result.All<TestRunStarted>().Single().Id.Should().Be("12");
        result.All<TestRunHookStarted>().First().Id.Should().Be("13");
        result.All<TestCase>().Select(t => t.Id).Should().Equal("14", "16");
        result.All<TestCaseStarted>().Select(t => t.Id).Should().Equal("18", "19");
    }

    [Fact]
    public async Task Step_match_arguments_carry_groups_and_parameter_type_names()
    {
        var result = await Harness.RunAsync([First], typeof(StreamBindings));

        var logStep = result.All<TestCase>().Last().TestSteps.Single();
        var argument = logStep.StepMatchArgumentsLists!.Single().StepMatchArguments.Single();
        argument.ParameterTypeName.Should().Be("string");
        argument.Group.Start.Should().Be(12);
        argument.Group.Value.Should().Be("\"hello\"");
    }

    [Fact]
    public async Task Logs_and_attachments_are_attachment_messages_of_the_running_step_or_hook()
    {
        var result = await Harness.RunAsync([First], typeof(StreamBindings));

        var attachments = result.All<Attachment>().ToList();
        attachments[0].Should().BeEquivalentTo(new
        {
            Body = "run starting",
            MediaType = "text/x.cucumber.log+plain",
            ContentEncoding = AttachmentContentEncoding.IDENTITY,
            TestRunHookStartedId = result.All<TestRunHookStarted>().First().Id,
            TestCaseStartedId = (string?)null,
        });
        attachments[1].Should().BeEquivalentTo(new
        {
            Body = "hello",
            TestCaseStartedId = result.All<TestCaseStarted>().Last().Id,
            TestStepId = result.All<TestCase>().Last().TestSteps.Single().Id,
            TestRunHookStartedId = (string?)null,
        });
    }

    [Fact]
    public async Task Binary_text_and_link_attachments_are_encoded_as_the_protocol_says()
    {
        var result = await Harness.RunAsync("""
            Feature: Evidence
              Scenario: Attach
                Given evidence is attached
            """, typeof(EvidenceBindings));

        result.All<Attachment>().Select(a => (a.MediaType, a.ContentEncoding, a.Body, a.FileName)).Should().Equal(
            ("application/octet-stream", AttachmentContentEncoding.BASE64, "AAEC", "raw.bin"),
            ("application/json", AttachmentContentEncoding.IDENTITY, "{\"ok\":true}", null),
            ("text/uri-list", AttachmentContentEncoding.IDENTITY, "https://example.org/run/1", null));
    }

    [Fact]
    public async Task A_dry_run_runs_no_code_and_catalogues_every_scenario()
    {
        StreamBindings.Calls = 0;

        var result = await Harness.RunAsync([First, Second], BddConfiguration.Default with { DryRun = true }, typeof(StreamBindings));

        StreamBindings.Calls.Should().Be(0);
        result.All<Pickle>().Should().HaveCount(3);
        result.All<TestStepFinished>().Select(f => f.TestStepResult.Status).Should().Equal(TestStepResultStatus.SKIPPED, TestStepResultStatus.SKIPPED, TestStepResultStatus.UNDEFINED);
        result.All<TestRunHookFinished>().Should().OnlyContain(f => f.Result.Status == TestStepResultStatus.SKIPPED);
        result.All<Attachment>().Should().BeEmpty();
    }

    [Fact]
    public async Task The_stream_is_valid_ndjson_of_camel_case_envelopes()
    {
        var result = await Harness.RunAsync([First], typeof(StreamBindings));

        var lines = result.ToNdjson().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(result.Envelopes.Count);
        lines[0].Should().StartWith("{\"meta\":{\"protocolVersion\":\"33.0.4\"");
        lines.Select(MessageSerializer.Deserialize).Select(Harness.KindOf).Should().Equal(result.Kinds());
    }

    private sealed class StreamBindings(IReqnrollOutputHelper output)
    {
        public static int Calls { get; set; }

        [BeforeTestRun]
        public static void Start(IReqnrollOutputHelper runOutput)
        {
            Calls++;
            runOutput.WriteLine("run starting");
        }

        [Given("a step passes")]
        public void Passes() => Calls++;

        [Given("a step logs {string}")]
        public void Logs(string text)
        {
            Calls++;
            output.WriteLine(text);
        }

        [AfterTestRun]
        public static void Stop() => Calls++;
    }

    private sealed class EvidenceBindings(IReqnrollOutputHelper output)
    {
        [Given("evidence is attached")]
        public void Attach()
        {
            output.AddAttachment([0, 1, 2], "application/octet-stream", "raw.bin");
            output.AddAttachment("{\"ok\":true}", "application/json");
            output.AddLink("https://example.org/run/1");
        }
    }
}
