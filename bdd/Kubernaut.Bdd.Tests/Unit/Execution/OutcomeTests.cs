using Kubernaut.Bdd.Configuration;
using Kubernaut.Bdd.Execution;
using Kubernaut.Bdd.Messages;
using Reqnroll;

namespace Kubernaut.Bdd.Tests.Unit.Execution;

/// <summary>Every outcome that must not pass, through the in-process runner: status, report text, message stream.</summary>
public class OutcomeTests
{
    [Fact]
    public async Task A_failing_step_reports_the_step_first_then_the_step_list_and_skips_the_rest()
    {
        var result = await Harness.RunAsync("""
            Feature: Audit
              Scenario: Exact count
                Given 2 deliveries
                Then the audit trail holds exactly 3 events
                And nothing else happens
            """, typeof(AuditBindings));

        var outcome = result.Single();
        outcome.Status.Should().Be(TestStepResultStatus.FAILED);
        outcome.Report.Should().Be(string.Join(Environment.NewLine,
            "Then the audit trail holds exactly 3 events → failed: expected 3 events but found 2",
            "",
            "Scenario: Exact count (features/test.feature:2)",
            "  passed    Given 2 deliveries",
            "  failed    Then the audit trail holds exactly 3 events",
            "  skipped   And nothing else happens"));
        outcome.Steps.Select(s => s.Status).Should().Equal(TestStepResultStatus.PASSED, TestStepResultStatus.FAILED, TestStepResultStatus.SKIPPED);
        AuditBindings.RanAfterFailure.Should().BeFalse("steps after a failure are skipped");
    }

    [Fact]
    public async Task The_failure_keeps_only_the_users_stack_frames()
    {
        var result = await Harness.RunAsync("""
            Feature: Audit
              Scenario: Exact count
                Given 2 deliveries
                Then the audit trail holds exactly 3 events
            """, typeof(AuditBindings));

        var error = result.Single().PrimaryError!;
        var stackTrace = ExceptionText.UserStackTrace(error);
        stackTrace.Should().Contain(nameof(AuditBindings.ThenTheAuditTrailHolds)).And.Contain("OutcomeTests.cs");
        stackTrace.Should().NotContain("Kubernaut.Bdd.Execution").And.NotContain("System.Reflection");
        result.All<TestStepFinished>().Single(f => f.TestStepResult.Status == TestStepResultStatus.FAILED).TestStepResult.Exception!.StackTrace.Should()
            .Be($"{error.GetType().FullName}: {error.Message}{Environment.NewLine}{stackTrace}", "reports show the stack trace in place of the message, so it starts with both");
    }

    [Fact]
    public async Task An_exception_that_is_not_an_assertion_shows_its_type()
    {
        var result = await Harness.RunAsync("""
            Feature: Audit
              Scenario: Broken driver
                When the driver breaks
            """, typeof(AuditBindings));

        result.Single().Report.Should().StartWith("When the driver breaks → failed: InvalidOperationException: the audit API answered 503");
    }

    [Fact]
    public async Task An_undefined_step_fails_with_a_ready_to_paste_binding_class_of_all_missing_steps()
    {
        var result = await Harness.RunAsync("""
            Feature: Audit
              Scenario: Missing steps
                Given a list of 8 things named "alpha"
                When the 2.5 kg parcel is weighed
                Then the table shows
                  | name | weight |
                  | a    | 1      |
            """);

        var outcome = result.Single();
        outcome.Status.Should().Be(TestStepResultStatus.UNDEFINED);
        outcome.Report.Should().Be(string.Join(Environment.NewLine,
            "Given a list of 8 things named \"alpha\" → undefined: no step definition matches this step.",
            "Also: When the 2.5 kg parcel is weighed → undefined: no step definition matches this step.",
            "Also: Then the table shows → undefined: no step definition matches this step.",
            "",
            "Scenario: Missing steps (features/test.feature:2)",
            "  undefined Given a list of 8 things named \"alpha\"",
            "  undefined When the 2.5 kg parcel is weighed",
            "  undefined Then the table shows",
            "",
            "Add the missing step definitions to a [Binding] class (the snippets mark them pending until implemented):",
            "",
            "[Binding]",
            "public class StepDefinitions",
            "{",
            "    [Given(\"a list of {int} things named {string}\")]",
            "    public void GivenAListOfThingsNamed(int p0, string p1)",
            "    {",
            "        throw new PendingStepException();",
            "    }",
            "",
            "    [When(\"the {float} kg parcel is weighed\")]",
            "    public void WhenTheKgParcelIsWeighed(double p0)",
            "    {",
            "        throw new PendingStepException();",
            "    }",
            "",
            "    [Then(\"the table shows\")]",
            "    public void ThenTheTableShows(DataTable dataTable)",
            "    {",
            "        throw new PendingStepException();",
            "    }",
            "}"));
        result.All<Suggestion>().Select(s => s.Snippets.Count).Should().Equal([2, 1, 1], "a whole number reads as an {int} or a {float}, as Cucumber suggests");
        result.All<Suggestion>().First().Snippets[1].Code.Should().StartWith("[Given(\"a list of {float} things named {string}\")]");
        result.All<Suggestion>().Select(s => s.Snippets[0].Code).Should().HaveCount(3).And.Contain("[Given(\"a list of {int} things named {string}\")]"
            + Environment.NewLine + "public void GivenAListOfThingsNamed(int p0, string p1)" + Environment.NewLine + "{" + Environment.NewLine
            + "    throw new PendingStepException();" + Environment.NewLine + "}");
        result.Success.Should().BeFalse();
    }

    [Fact]
    public async Task An_ambiguous_step_lists_every_matching_method_with_its_location()
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Two definitions
                Given the route "ops"
            """, typeof(AmbiguousBindings));

        var outcome = result.Single();
        outcome.Status.Should().Be(TestStepResultStatus.AMBIGUOUS);
        outcome.Report.Should().StartWith(string.Join(Environment.NewLine,
            "Given the route \"ops\" → ambiguous: 2 step definitions match this step:",
            $"    - [Given(\"the route {{string}}\")] AmbiguousBindings.ByExpression(String) at {Harness.LocationOf(typeof(AmbiguousBindings), nameof(AmbiguousBindings.ByExpression))}",
            $"    - [Given(\"^the route \"(.*)\"$\")] AmbiguousBindings.ByRegex(String) at {Harness.LocationOf(typeof(AmbiguousBindings), nameof(AmbiguousBindings.ByRegex))}",
            "    Make the expressions distinct, or restrict them with [Scope]."));
    }

    [Fact]
    public async Task A_pending_step_marks_the_scenario_pending()
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Not done yet
                Given a step still being written
                Then it is never reached
            """, typeof(PendingBindings));

        var outcome = result.Single();
        outcome.Status.Should().Be(TestStepResultStatus.PENDING);
        outcome.Report.Should().StartWith("Given a step still being written → pending: waiting for the audit API");
        outcome.Steps[1].Status.Should().Be(TestStepResultStatus.SKIPPED);
    }

    [Theory]
    [InlineData(MissingOrPendingStepsOutcome.Error)]
    [InlineData(MissingOrPendingStepsOutcome.Pending)]
    public async Task The_configured_outcome_does_not_change_the_cucumber_status(MissingOrPendingStepsOutcome configured)
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Undefined
                Given nothing is defined
            """, BddConfiguration.Default with { MissingOrPendingStepsOutcome = configured });

        result.Single().Status.Should().Be(TestStepResultStatus.UNDEFINED);
        result.Success.Should().BeFalse();
    }

    [Fact]
    public async Task A_failing_hook_names_the_hook_the_method_and_its_location_and_after_hooks_still_run()
    {
        HookFailureBindings.Log.Clear();
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Hook fails
                Given a step
            """, typeof(HookFailureBindings));

        var outcome = result.Single();
        outcome.Status.Should().Be(TestStepResultStatus.FAILED);
        outcome.Report.Should().StartWith(
            $"[BeforeScenario] HookFailureBindings.StartDriver() at {Harness.LocationOf(typeof(HookFailureBindings), nameof(HookFailureBindings.StartDriver))} → failed: InvalidOperationException: the emulator is not running");
        outcome.Report.Should().Contain("  failed    [BeforeScenario] HookFailureBindings.StartDriver()").And.Contain("  skipped   Given a step");
        HookFailureBindings.Log.Should().Equal("after scenario", "disposed");
    }

    [Fact]
    public async Task A_failing_step_hook_fails_its_step_and_names_the_hook()
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Step hook fails
                Given a step
            """, typeof(StepHookFailureBindings));

        result.Single().Report.Should().StartWith(
            $"Given a step → failed in [AfterStep] StepHookFailureBindings.CollectEvidence() at {Harness.LocationOf(typeof(StepHookFailureBindings), nameof(StepHookFailureBindings.CollectEvidence))}: InvalidOperationException: no evidence");
    }

    [Fact]
    public async Task A_step_whose_parameters_do_not_fit_reports_the_mismatch()
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Mismatch
                Given 3 receivers
                  | name |
                  | a    |
            """, typeof(MismatchBindings));

        result.Single().Report.Should().StartWith(
            $"Given 3 receivers → failed: BindingException: Parameter count mismatch: MismatchBindings.Receivers(Int32) at {Harness.LocationOf(typeof(MismatchBindings), nameof(MismatchBindings.Receivers))} takes 1 parameter(s), but the step supplies 2 (1 from the expression and a table).");
    }

    [Fact]
    public async Task An_argument_that_does_not_convert_names_the_value_the_parameter_and_the_method()
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Bad value
                Given the channel carrier-pigeon
            """, typeof(MismatchBindings));

        result.Single().Report.Should().StartWith(
            "Given the channel carrier-pigeon → failed: ArgumentConversionException: The argument 'carrier-pigeon' cannot be passed as parameter 'channel' of MismatchBindings.TheChannel(Channel) "
            + $"at {Harness.LocationOf(typeof(MismatchBindings), nameof(MismatchBindings.TheChannel))}: 'carrier-pigeon' is not a valid Channel (Slack, Pager, Email, Webhook).");
    }

    [Fact]
    public async Task A_step_that_calls_Assert_Skip_skips_the_scenario_with_the_reason()
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Needs Kind
                Given a Kind cluster
                Then it is never reached
            """, typeof(SkipBindings));

        var outcome = result.Single();
        outcome.Status.Should().Be(TestStepResultStatus.SKIPPED);
        outcome.Report.Should().StartWith("Given a Kind cluster → skipped: needs the kind target");
        result.Success.Should().BeTrue("skipped scenarios do not fail a Cucumber run");
    }

    [Fact]
    public async Task An_undefined_parameter_type_is_reported_and_the_step_is_undefined_with_a_hint()
    {
        var result = await Harness.RunAsync("""
            Feature: Airports
              Scenario: Strike
                Given CDG is closed
            """, typeof(UndefinedParameterTypeBindings));

        result.All<UndefinedParameterType>().Should().ContainSingle().Which.Should().BeEquivalentTo(new UndefinedParameterType { Expression = "{airport} is closed", Name = "airport" });
        result.Single().Report.Should().Contain(
            "uses the undefined parameter type {airport}: define it with [StepArgumentTransformation(@\"regex\", Name = \"airport\")].");
    }

    [Fact]
    public async Task Binding_errors_fail_every_scenario_with_the_list_of_errors()
    {
        var result = await Harness.RunAsync("""
            Feature: Routing
              Scenario: Anything
                Given a step
            """, typeof(BrokenHookBindings));

        result.Single().Report.Should().StartWith("The scenario did not run: The bindings have 1 error(s):").And.Contain("must be static");
        result.BindingErrors.Should().ContainSingle();
        result.All<TestRunFinished>().Single().Message.Should().StartWith("The bindings have 1 error(s):");
    }

    [Fact]
    public async Task A_malformed_feature_is_reported_with_every_error_and_a_parse_error_message()
    {
        var result = await Harness.RunAsync("""
            Feature: Broken
              Scenario: One
                Given a step
                  | a | b |
                  | c |
              Scenario Outline: Two
                Given a <thing>
                Examples:
                  | thing |
                  | x | y |
            """);

        result.ParseErrors.Should().ContainSingle().Which.Message.Should().Be(string.Join(Environment.NewLine,
            "The feature file features/test.feature is malformed:",
            "features/test.feature(5,7): inconsistent cell count within the table",
            "features/test.feature(10,7): inconsistent cell count within the table"));
        result.All<ParseError>().Should().HaveCount(2);
        result.Success.Should().BeFalse();
    }

    private sealed class AuditBindings
    {
        private int _deliveries;

        public static bool RanAfterFailure { get; private set; }

        [Given("{int} deliveries")]
        public void GivenDeliveries(int count) => _deliveries = count;

        [Then("the audit trail holds exactly {int} events")]
        public void ThenTheAuditTrailHolds(int expected)
        {
            if (_deliveries != expected)
            {
                throw new Xunit.Sdk.XunitException($"expected {expected} events but found {_deliveries}");
            }
        }

        [Then("nothing else happens")]
        public void NothingElse() => RanAfterFailure = true;

        [When("the driver breaks")]
        public void TheDriverBreaks() => throw new InvalidOperationException("the audit API answered 503");
    }

    private sealed class AmbiguousBindings
    {
        [Given("the route {string}")]
        public void ByExpression(string route) { }

        [Given("^the route \"(.*)\"$")]
        public void ByRegex(string route) { }
    }

    private sealed class PendingBindings
    {
        [Given("a step still being written")]
        public void StillBeingWritten() => throw new PendingStepException("waiting for the audit API");

        [Then("it is never reached")]
        public void NeverReached() { }
    }

    private sealed class HookFailureBindings : IDisposable
    {
        public static List<string> Log { get; } = [];

        [BeforeScenario]
        public void StartDriver() => throw new InvalidOperationException("the emulator is not running");

        [Given("a step")]
        public void AStep() { }

        [AfterScenario]
        public void StopDriver() => Log.Add("after scenario");

        public void Dispose() => Log.Add("disposed");
    }

    private sealed class StepHookFailureBindings
    {
        [Given("a step")]
        public void AStep() { }

        [AfterStep]
        public void CollectEvidence() => throw new InvalidOperationException("no evidence");
    }

    private sealed class MismatchBindings
    {
        [Given("{int} receivers")]
        public void Receivers(int count) { }

        [Given("the channel {word}")]
        public void TheChannel(Steps.Channel channel) { }
    }

    private sealed class SkipBindings
    {
        [Given("a Kind cluster")]
        public void AKindCluster() => Assert.Skip("needs the kind target");

        [Then("it is never reached")]
        public void NeverReached() { }
    }

    private sealed class UndefinedParameterTypeBindings
    {
        [Given("{airport} is closed")]
        public void Closed(string airport) { }
    }

    private sealed class BrokenHookBindings
    {
        [BeforeTestRun]
        public void NotStatic() { }

        [Given("a step")]
        public void AStep() { }
    }
}
