using Kubernaut.Bdd.Messages;
using Kubernaut.Bdd.Runner;
using Reqnroll;
using HookType = Kubernaut.Bdd.Messages.HookType;

namespace Kubernaut.Bdd.Tests.Unit.Execution;

public class HookOrderTests
{
    private static readonly FeatureSource Tagged = new("features/a.feature", """
        @feature-tag
        Feature: A
          @scenario-tag
          Scenario: A1
            Given a step
            And a step
        """);

    private static readonly FeatureSource Untagged = new("features/b.feature", """
        Feature: B
          Scenario: B1
            Given a step
        """);

    [Fact]
    public async Task Hooks_of_every_kind_run_in_order_around_features_scenarios_and_steps()
    {
        var log = new List<string>();
        OrderedHooks.Log = log;

        var result = await Harness.RunAsync([Tagged, Untagged], typeof(OrderedHooks));

        result.Success.Should().BeTrue();
        log.Should().Equal(
            "BeforeTestRun 1", "BeforeTestRun 2",
            "BeforeFeature @feature-tag",
            "BeforeScenario 1", "BeforeScenario @scenario-tag and not @other", "BeforeScenario 3",
            "BeforeStep", "step", "AfterStep", "BeforeStep", "step", "AfterStep",
            "AfterScenario 1", "AfterScenario 3 (declared last)", "AfterScenario 3 (declared first)",
            "AfterFeature",
            "BeforeScenario 1", "BeforeScenario 3",
            "BeforeStep", "step", "AfterStep",
            "AfterScenario 1", "AfterScenario 3 (declared last)", "AfterScenario 3 (declared first)",
            "AfterFeature",
            "AfterTestRun");
    }

    [Fact]
    public async Task Scenario_hooks_are_test_steps_and_run_level_hooks_are_test_run_hooks_in_the_stream()
    {
        OrderedHooks.Log = [];

        var result = await Harness.RunAsync([Tagged], typeof(OrderedHooks));

        var hooks = result.All<Hook>().ToDictionary(h => h.Id);
        var testCase = result.All<TestCase>().Single();
        testCase.TestSteps.Select(s => s.HookId is null ? "step" : hooks[s.HookId].Type + (hooks[s.HookId].Name is { } name ? $" \"{name}\"" : ""))
            .Should().Equal("BEFORE_TEST_CASE \"first\"", "BEFORE_TEST_CASE", "BEFORE_TEST_CASE", "step", "step", "AFTER_TEST_CASE", "AFTER_TEST_CASE", "AFTER_TEST_CASE");
        hooks.Values.Single(h => h.TagExpression is not null && h.Type == HookType.BEFORE_TEST_CASE).TagExpression.Should().Be("@scenario-tag and not @other");
        result.All<TestRunHookStarted>().Select(s => hooks[s.HookId].Type).Should().Equal(
            HookType.BEFORE_TEST_RUN, HookType.BEFORE_TEST_RUN, HookType.BEFORE_TEST_RUN, HookType.AFTER_TEST_RUN, HookType.AFTER_TEST_RUN);
    }

    [Fact]
    public async Task A_failing_BeforeTestRun_hook_runs_the_other_run_hooks_and_no_scenario()
    {
        var result = await Harness.RunAsync([Untagged], typeof(FailingRunHooks));

        result.Single().Report.Should().StartWith(
            $"The scenario did not run: [BeforeTestRun] FailingRunHooks.Provision() at {Harness.LocationOf(typeof(FailingRunHooks), nameof(FailingRunHooks.Provision))} failed: InvalidOperationException: kind is not installed");
        result.All<TestCase>().Should().BeEmpty();
        result.All<TestRunHookFinished>().Select(f => f.Result.Status).Should().Equal(TestStepResultStatus.FAILED, TestStepResultStatus.PASSED, TestStepResultStatus.PASSED);
        result.Success.Should().BeFalse();
    }

    [Fact]
    public async Task A_failing_AfterTestRun_hook_fails_the_run()
    {
        var result = await Harness.RunAsync([Untagged], typeof(FailingTeardown));

        result.Single().Status.Should().Be(TestStepResultStatus.PASSED);
        result.FinishFailure.Should().StartWith("[AfterTestRun] FailingTeardown.Teardown() at").And.EndWith("failed: InvalidOperationException: cluster already gone");
        result.Success.Should().BeFalse();
    }

    private sealed class OrderedHooks
    {
        public static List<string> Log { get; set; } = [];

        [BeforeTestRun(Order = 2)]
        public static void BeforeTestRunSecond() => Log.Add("BeforeTestRun 2");

        [BeforeTestRun(Order = 1)]
        public static void BeforeTestRunFirst() => Log.Add("BeforeTestRun 1");

        [BeforeFeature("@feature-tag")]
        public static void BeforeTaggedFeature() => Log.Add("BeforeFeature @feature-tag");

        [BeforeScenario(Order = 3)]
        public void BeforeScenarioThird() => Log.Add("BeforeScenario 3");

        [BeforeScenario("@scenario-tag and not @other", Order = 2)]
        public void BeforeScenarioTagged() => Log.Add("BeforeScenario @scenario-tag and not @other");

        [BeforeScenario(Order = 1, Name = "first")]
        public void BeforeScenarioFirst() => Log.Add("BeforeScenario 1");

        [BeforeStep]
        public void BeforeStep() => Log.Add("BeforeStep");

        [Given("a step")]
        public void AStep() => Log.Add("step");

        [AfterStep]
        public void AfterStep() => Log.Add("AfterStep");

        [AfterScenario(Order = 3)]
        public void AfterScenarioThirdDeclaredFirst() => Log.Add("AfterScenario 3 (declared first)");

        [AfterScenario(Order = 3)]
        public void AfterScenarioThirdDeclaredLast() => Log.Add("AfterScenario 3 (declared last)");

        [AfterScenario(Order = 1)]
        public void AfterScenarioFirst() => Log.Add("AfterScenario 1");

        [AfterFeature]
        public static void AfterFeature() => Log.Add("AfterFeature");

        [AfterTestRun]
        public static void AfterTestRun() => Log.Add("AfterTestRun");
    }

    private sealed class FailingRunHooks
    {
        [BeforeTestRun(Order = 1)]
        public static void Provision() => throw new InvalidOperationException("kind is not installed");

        [BeforeTestRun(Order = 2)]
        public static void StillRuns() { }

        [Given("a step")]
        public void AStep() { }

        [AfterTestRun]
        public static void Teardown() { }
    }

    private sealed class FailingTeardown
    {
        [Given("a step")]
        public void AStep() { }

        [AfterTestRun]
        public static void Teardown() => throw new InvalidOperationException("cluster already gone");
    }
}
